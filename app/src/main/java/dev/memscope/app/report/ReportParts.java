package dev.memscope.app.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memscope.app.cli.CompareFormat;
import dev.memscope.app.session.SessionCapture;
import dev.memscope.app.session.SessionFile;
import dev.memscope.app.session.SessionJson;
import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a bug report holds, gathered from the window or the command line, and the bundle made of it.
 *
 * @param guestImage the guest's ELF bytes when it is a file (it travels with the report), null for a catalog guest
 * @param compare the comparison, when one was run
 * @param images the pictures, the window's first
 */
public record ReportParts(ReportFacts facts, SessionFile session, byte[] guestImage, List<TraceEvent> events,
        CompareTable compare, List<Image> images) {

    /**
     * A picture of the window ({@code images/window.png}) or of a pane ({@code images/<pane>.png}).
     *
     * @param width pixels, as rendered (the layout size times the output scale)
     */
    public record Image(String path, String title, byte[] png, int width, int height) {
        public static final String WINDOW = "images/window.png";

        public boolean isWindow() {
            return WINDOW.equals(path);
        }

        /** {@code faults-pane} is pictured as {@code images/faults.png}. */
        public static String paneFile(String paneId) {
            return "images/" + paneId.replaceFirst("-pane$", "") + ".png";
        }
    }

    public ReportParts {
        events = List.copyOf(events);
        images = List.copyOf(images);
    }

    public ReportBundle bundle() {
        ReportBundle b = new ReportBundle();
        boolean withGuest = guestImage != null;
        SessionFile s = withGuest ? SessionCapture.withGuestFile(session, "guest/" + safe(facts.guest())) : session;
        b.addText("README.md", ReportReadme.of(facts, images, compare != null, withGuest));
        b.addText("session.json", SessionJson.write(s));
        b.addText("trace.txt", TraceText.of(events, traceHeader(facts, events)));
        b.addText("trace.perfetto.json", PerfettoTrace.of(events, facts.guest() + " (" + facts.variant() + ")")
                .toString());
        b.addText("counters.json", counters());
        if (compare != null) {
            b.addText("compare.txt", CompareFormat.text(compare));
        }
        if (withGuest) {
            b.add("guest/" + safe(facts.guest()), guestImage);
        }
        for (Image i : images) {
            b.add(i.path(), i.png());
        }
        return b;
    }

    /** A trace's header: what ran and where it stopped; and that early events are gone if the ring overwrote them. */
    public static String traceHeader(ReportFacts facts, List<TraceEvent> events) {
        List<String> h = new ArrayList<>();
        h.add("Memscope " + facts.memscopeVersion() + " event log of " + facts.guest() + " (sha256 " + facts.sha256()
                + ")");
        h.add("backend " + facts.backend() + ", variant " + facts.variant() + ", prefetch " + facts.prefetchPolicy()
                + ", mmu " + facts.mmu() + ", " + (facts.stopAt() == null ? "running" : "stopped at "
                        + facts.stopAt()));
        if (!events.isEmpty() && events.get(0).seq() > 0) {
            h.add("events 0.." + (events.get(0).seq() - 1) + " were overwritten in the ring before they were read");
        }
        return String.join("\n", h);
    }

    private String counters() {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = m.createObjectNode();
        facts.counters().forEach(o::put);
        return o.toPrettyString() + "\n";
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
