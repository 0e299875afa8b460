package dev.memscope.app.lessons;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.memscope.emulator.api.Highlight;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.StopAt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a lesson file (YAML; JSON is YAML too) of format {@value #FORMAT} and checks everything that can be checked
 * without running it: every error names the file, the step (number and title) and the field. See
 * {@code sample-guests/lessons/README.md} for the format.
 */
public final class LessonReader {
    public static final int FORMAT = 1;
    /** The panes a step may name (the main window's pane ids). */
    public static final Set<String> PANES = Set.of("guest-pane", "memslots-pane", "sptemap-pane", "sptetree-pane",
            "compare-pane", "cpu-pane", "faults-pane", "guestpt-pane", "console-pane", "events-pane",
            "holehits-pane", "prefetch-pane");
    static final Set<String> PREFETCH_POLICIES = Set.of("kernel", "whole-slot", "bounded-2m", "none");
    private static final Set<String> TOP_FIELDS = Set.of("format", "title", "summary", "guest", "setup", "steps");
    private static final Set<String> STEP_FIELDS = Set.of("title", "text", "setup", "stop", "switch-variant", "panes",
            "highlight", "question");
    private static final Set<String> SETUP_FIELDS = Set.of("variant", "mmu", "prefetch");
    private static final Set<String> QUESTION_FIELDS = Set.of("ask", "measure", "kind");

    private final Predicate<String> knownGuest;

    /** @param knownGuest whether a guest name is in the catalog */
    public LessonReader(Predicate<String> knownGuest) {
        this.knownGuest = knownGuest;
    }

    public Lesson read(Path file) throws LessonFormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LessonFormatException("cannot read lesson file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        return read(name.replaceFirst("\\.(ya?ml|json)$", ""), file.toAbsolutePath().toString(), bytes);
    }

    public Lesson read(String id, String origin, byte[] bytes) throws LessonFormatException {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new LessonFormatException(origin + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        Where top = new Where(origin, null);
        if (root == null || !root.isObject()) {
            throw top.error("the file", "a lesson is a mapping with format, title, guest, setup and steps");
        }
        onlyFields(root, TOP_FIELDS, top, "the lesson");
        JsonNode format = root.get("format");
        if (format == null || !format.canConvertToInt() || format.asInt() != FORMAT) {
            throw top.error("format", "this Memscope reads lesson format " + FORMAT + ", the file says "
                    + (format == null ? "nothing" : format.asText()));
        }
        String title = text(root, "title", top, true);
        String summary = text(root, "summary", top, false);
        String guest = text(root, "guest", top, true);
        if (!knownGuest.test(guest)) {
            throw top.error("guest", "no sample guest named '" + guest + "' (`memscope list` shows them)");
        }
        LessonSetup base = setup(root.get("setup"), new LessonSetup(guest, HoleVariant.MMIO_EXIT, MmuMode.TDP,
                "kernel"), top);
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw top.error("steps", "a lesson has a list of at least one step");
        }
        List<LessonStep> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(step(steps.get(i), i, base, new Where(origin, i + 1)));
        }
        checkQuestions(out, origin);
        return new Lesson(FORMAT, id, title, summary, origin, out);
    }

    private LessonStep step(JsonNode node, int index, LessonSetup base, Where at) throws LessonFormatException {
        if (node == null || !node.isObject()) {
            throw at.error("the step", "a step is a mapping with title, text, stop, panes, highlight, question");
        }
        String title = text(node, "title", at, true);
        Where where = at.titled(title);
        onlyFields(node, STEP_FIELDS, where, "a step");
        String body = text(node, "text", where, true);
        for (String name : Placeholders.names(body)) {
            String bad = Measures.check(name.startsWith("+") ? name.substring(1) : name);
            if (bad == null && name.startsWith("+") && !Measures.isNumber(name.substring(1))) {
                bad = "'" + name.substring(1) + "' is not a number, so it has no growth";
            }
            if (bad != null) {
                throw where.error("text", "{{" + name + "}}: " + bad);
            }
        }
        LessonSetup setup = setup(node.get("setup"), base, where);
        StopAt stop = null;
        String stopText = text(node, "stop", where, false);
        if (!stopText.isEmpty()) {
            try {
                stop = StopAt.parse(stopText);
            } catch (IllegalArgumentException e) {
                throw where.error("stop", e.getMessage());
            }
        }
        HoleVariant switchTo = null;
        String sw = text(node, "switch-variant", where, false);
        if (!sw.isEmpty()) {
            switchTo = HoleVariant.fromCliName(sw).orElseThrow(() -> where.error("switch-variant",
                    "unknown hole variant '" + sw + "'; variants: " + List.of(HoleVariant.values())));
        }
        List<String> panes = new ArrayList<>();
        for (String p : list(node, "panes", where)) {
            if (!PANES.contains(p)) {
                throw where.error("panes", "no pane with id '" + p + "'; panes: " + new java.util.TreeSet<>(PANES));
            }
            panes.add(p);
        }
        List<Highlight> highlights = new ArrayList<>();
        for (String h : list(node, "highlight", where)) {
            try {
                highlights.add(Highlight.parse(h));
            } catch (IllegalArgumentException e) {
                throw where.error("highlight", e.getMessage());
            }
        }
        return new LessonStep(index, title, body, setup, stop, switchTo, panes, highlights,
                question(node.get("question"), where));
    }

    private LessonQuestion question(JsonNode node, Where where) throws LessonFormatException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw where.error("question", "a question is a mapping with ask, measure and kind (delta or value)");
        }
        onlyFields(node, QUESTION_FIELDS, where.in("question"), "a question");
        String ask = text(node, "ask", where.in("question"), true);
        String measure = text(node, "measure", where.in("question"), true);
        String bad = Measures.check(measure);
        if (bad == null && !Measures.isNumber(measure)) {
            bad = "'" + measure + "' is not a number; a question's answer is a number";
        }
        if (bad != null) {
            throw where.error("question.measure", bad);
        }
        String kind = text(node, "kind", where.in("question"), false);
        if (!kind.isEmpty() && !kind.equals("delta") && !kind.equals("value")) {
            throw where.error("question.kind", "'" + kind + "' is neither delta (the growth up to the next step) "
                    + "nor value (the value at the next step)");
        }
        return new LessonQuestion(ask, measure, !kind.equals("value"));
    }

    /** A question is answered at the next step's stop: there must be one, and a growth needs the same run. */
    private static void checkQuestions(List<LessonStep> steps, String origin) throws LessonFormatException {
        for (LessonStep s : steps) {
            if (s.question() == null) {
                continue;
            }
            Where w = new Where(origin, s.index() + 1).titled(s.title());
            if (s.index() + 1 == steps.size()) {
                throw w.error("question", "the last step cannot ask: the answer is measured at the next step's stop");
            }
            LessonStep next = steps.get(s.index() + 1);
            if (s.question().delta() && !next.setup().equals(s.setup())) {
                throw w.error("question.kind", "delta needs the next step to run on from this one, but it restarts "
                        + "the guest (" + next.setup().describe() + "); use kind: value");
            }
        }
    }

    private static LessonSetup setup(JsonNode node, LessonSetup base, Where where) throws LessonFormatException {
        if (node == null || node.isNull()) {
            return base;
        }
        if (!node.isObject()) {
            throw where.error("setup", "a setup is a mapping with variant, mmu and prefetch");
        }
        onlyFields(node, SETUP_FIELDS, where.in("setup"), "a setup");
        LessonSetup s = base;
        String v = text(node, "variant", where.in("setup"), false);
        if (!v.isEmpty()) {
            s = s.withVariant(HoleVariant.fromCliName(v).orElseThrow(() -> where.error("setup.variant",
                    "unknown hole variant '" + v + "'; variants: " + List.of(HoleVariant.values()))));
        }
        String m = text(node, "mmu", where.in("setup"), false);
        if (!m.isEmpty()) {
            s = s.withMmu(MmuMode.fromCliName(m).orElseThrow(() -> where.error("setup.mmu",
                    "unknown MMU '" + m + "'; MMUs: " + List.of(MmuMode.values()))));
        }
        String p = text(node, "prefetch", where.in("setup"), false);
        if (!p.isEmpty()) {
            if (!PREFETCH_POLICIES.contains(p)) {
                throw where.error("setup.prefetch", "unknown prefetch policy '" + p + "'; policies: "
                        + new java.util.TreeSet<>(PREFETCH_POLICIES));
            }
            s = s.withPrefetch(p);
        }
        return s;
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, Where where, String what)
            throws LessonFormatException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw where.error(f, "not a field of " + what + "; fields: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static String text(JsonNode node, String field, Where where, boolean required)
            throws LessonFormatException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw where.error(field, "missing");
            }
            return "";
        }
        if (!v.isValueNode()) {
            throw where.error(field, "expected text, found " + v.getNodeType().name().toLowerCase());
        }
        String t = v.asText().strip();
        if (required && t.isEmpty()) {
            throw where.error(field, "empty");
        }
        return t;
    }

    private static List<String> list(JsonNode node, String field, Where where) throws LessonFormatException {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isValueNode()) {
            out.add(v.asText().strip());
            return out;
        }
        if (!v.isArray()) {
            throw where.error(field, "expected a list");
        }
        for (JsonNode item : v) {
            if (!item.isValueNode()) {
                throw where.error(field, "expected a list of text, found " + item.getNodeType().name().toLowerCase());
            }
            out.add(item.asText().strip());
        }
        return out;
    }

    /** Where in the file an error is: the file, the step (1-based, with its title) and a field prefix. */
    private record Where(String origin, Integer step, String title, String prefix) {
        Where(String origin, Integer step) {
            this(origin, step, null, "");
        }

        Where titled(String t) {
            return new Where(origin, step, t, prefix);
        }

        Where in(String field) {
            return new Where(origin, step, title, field + ".");
        }

        LessonFormatException error(String field, String what) {
            String at = step == null ? "" : ", step " + step + (title == null ? "" : " (\"" + title + "\")");
            return new LessonFormatException(origin + at + ", field '" + prefix + field + "': " + what);
        }
    }
}
