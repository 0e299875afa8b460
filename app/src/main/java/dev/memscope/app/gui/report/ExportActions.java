package dev.memscope.app.gui.report;

import dev.memscope.app.gui.MainWindow;
import dev.memscope.app.report.PerfettoTrace;
import dev.memscope.app.report.ReportBundle;
import dev.memscope.app.report.ReportFacts;
import dev.memscope.app.report.ReportParts;
import dev.memscope.app.report.TraceText;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** File > Export bug report, and Export trace as trace-cmd text or as Perfetto JSON. */
final class ExportActions {
    /** The two trace formats. */
    enum TraceFormat {
        TEXT("trace-cmd text", "*.txt", ".trace.txt"), PERFETTO("Perfetto JSON", "*.json", ".perfetto.json");

        final String description;
        final String pattern;
        final String suffix;

        TraceFormat(String description, String pattern, String suffix) {
            this.description = description;
            this.pattern = pattern;
            this.suffix = suffix;
        }
    }

    private final ReportActions actions;

    ExportActions(ReportActions actions) {
        this.actions = actions;
    }

    private String baseName() {
        MainWindow w = actions.window();
        return "memscope-" + (w.guest() == null ? "report" : w.guest().name().replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    void askAndExportReport() {
        Path out = actions.files().save("Export bug report", baseName() + "-report.zip", "Zip archives", "*.zip");
        if (out != null) {
            exportReport(out);
        }
    }

    void askAndExportTrace(TraceFormat format) {
        Path out = actions.files().save("Export the event log as " + format.description, baseName() + format.suffix,
                format.description, format.pattern);
        if (out != null) {
            exportTrace(out, format);
        }
    }

    CompletableFuture<ReportBundle> exportReport(Path out) {
        return actions.background("export the bug report", () -> {
            ReportBundle b = ReportCollector.collect(actions.window(), 0).bundle();
            b.write(out);
            actions.status("Wrote the bug report to " + out + " (" + b.files().size() + " files)");
            return b;
        });
    }

    CompletableFuture<Path> exportTrace(Path out, TraceFormat format) {
        MainWindow w = actions.window();
        return actions.background("export the event log", () -> {
            MachineSnapshot s = w.machine().snapshot();
            if (s.setup() == null) {
                throw new IllegalStateException("no guest is loaded: there is no event log");
            }
            List<TraceEvent> events = w.machine().eventsSince(0, Integer.MAX_VALUE);
            ReportFacts facts = ReportFacts.of(s, w.guest() == null ? "" : w.guest().origin());
            String text = format == TraceFormat.TEXT ? TraceText.of(events, ReportParts.traceHeader(facts, events))
                    : PerfettoTrace.of(events, facts.guest() + " (" + facts.variant() + ")").toString();
            Files.write(out, text.getBytes(StandardCharsets.UTF_8));
            actions.status("Wrote " + events.size() + " events to " + out);
            return out;
        });
    }
}
