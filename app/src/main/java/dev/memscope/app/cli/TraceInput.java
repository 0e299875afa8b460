package dev.memscope.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.report.TraceText;
import dev.memscope.app.session.SessionFile;
import dev.memscope.app.wiring.Backends;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.session.Machine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of {@code memscope diff}: a trace-cmd text trace, a Perfetto JSON trace, or a session (replayed without a
 * window to get its event log), as the list of its events, each one line.
 */
record TraceInput(Path path, Kind kind, List<Line> events) {
    enum Kind {
        /** Text lines of events, from a text trace or a replayed session. */
        TEXT,
        /** The {@code traceEvents} of a Perfetto trace, one compact JSON object each. */
        PERFETTO
    }

    /** An event and where it is: its line in the file, or its number in a replayed log. */
    record Line(long where, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static TraceInput load(Path path, GuestCatalog catalog, Duration timeout) throws RunPlan.Refused {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunPlan.Refused(ExitCodes.NOT_FOUND, "cannot read " + path + ": " + e.getMessage());
        }
        if (!text.stripLeading().startsWith("{")) {
            List<Line> lines = new ArrayList<>();
            List<String> all = text.lines().toList();
            for (int i = 0; i < all.size(); i++) {
                if (!all.get(i).startsWith("#") && !all.get(i).isBlank()) {
                    lines.add(new Line(i + 1, all.get(i)));
                }
            }
            return new TraceInput(path, Kind.TEXT, lines);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RunPlan.Refused(ExitCodes.USAGE, path + " starts like JSON but is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (SessionFile.FORMAT.equals(root.path("format").asText())) {
            return replay(path, catalog, timeout);
        }
        if (root.path("traceEvents").isArray()) {
            List<Line> lines = new ArrayList<>();
            int i = 0;
            for (JsonNode e : root.get("traceEvents")) {
                lines.add(new Line(++i, e.toString()));
            }
            return new TraceInput(path, Kind.PERFETTO, lines);
        }
        throw new RunPlan.Refused(ExitCodes.USAGE, path + " is JSON but neither a Memscope session nor a Perfetto "
                + "trace (it has no \"format\": \"memscope-session\" and no \"traceEvents\")");
    }

    private static TraceInput replay(Path path, GuestCatalog catalog, Duration timeout) throws RunPlan.Refused {
        RunPlan plan = RunPlan.ofSession(path, catalog);
        try (Machine machine = new Machine(new Backends())) {
            HeadlessRun.Outcome o = HeadlessRun.run(plan, timeout, machine);
            if (!o.result().reached()) {
                throw new RunPlan.Refused(ExitCodes.RUN_FAILED, "the session " + path + " did not replay: "
                        + o.result().message());
            }
            List<Line> lines = new ArrayList<>();
            for (TraceEvent e : o.events()) {
                lines.add(new Line(e.seq(), TraceText.line(e)));
            }
            return new TraceInput(path, Kind.TEXT, lines);
        }
    }

    /** How a position in this input is named: a line of the file, or an event of the replayed log. */
    String where(Line l) {
        return kind == Kind.TEXT && !path.toString().endsWith(".json") ? "line " + l.where() + " of " + path
                : "event " + l.where() + " of " + path;
    }
}
