package dev.memscope.app.cli;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.report.PerfettoTrace;
import dev.memscope.app.report.ReportFacts;
import dev.memscope.app.report.ReportParts;
import dev.memscope.app.report.TraceText;
import dev.memscope.app.wiring.Backends;
import dev.memscope.emulator.session.Machine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "trace", description = {"Run a guest (or replay a session) to a stop and write its event log: as "
    + "trace-cmd prints it (one tracepoint per line) or as Chrome/Perfetto trace JSON (open it at ui.perfetto.dev).",
    "Exits 0 when the stop was reached, 128 when the run ended elsewhere (the log is written all the same)."})
public final class TraceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PlanOptions plan;

    @Option(names = "--format", defaultValue = "text", description = "text or perfetto. Default: ${DEFAULT-VALUE}.")
    private String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the trace.")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("perfetto")) {
            err.println("memscope: unknown trace format '" + format + "'; choose text or perfetto");
            return ExitCodes.USAGE;
        }
        RunPlan p;
        try {
            p = RunPlan.of(plan, GuestCatalog.builtIn());
        } catch (RunPlan.Refused e) {
            err.println("memscope: " + e.getMessage());
            return e.exitCode;
        }
        try (Machine machine = new Machine(new Backends())) {
            HeadlessRun.Outcome o = HeadlessRun.run(p, Duration.ofSeconds(plan.timeoutSeconds), machine);
            if (o.loadFailed()) {
                err.println("memscope: " + o.result().message());
                return o.result().message().startsWith("cannot create") ? ExitCodes.BACKEND_UNAVAILABLE
                        : ExitCodes.RUN_FAILED;
            }
            ReportFacts facts = ReportFacts.of(o.result().snapshot(), p.guest().origin());
            String text = format.equals("text") ? TraceText.of(o.events(), ReportParts.traceHeader(facts, o.events()))
                    : PerfettoTrace.of(o.events(), facts.guest() + " (" + facts.variant() + ")").toPrettyString();
            try {
                Files.write(out, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("memscope: cannot write " + out + ": " + e);
                return ExitCodes.USAGE;
            }
            err.printf("memscope: wrote %,d events of %s to %s (%s)%n", o.events().size(), facts.guest(), out,
                    o.result().message());
            if (!o.result().reached()) {
                return ExitCodes.RUN_FAILED;
            }
            return 0;
        }
    }
}
