package dev.memscope.app.cli;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.report.PerfettoTrace;
import dev.memscope.app.report.ReportFacts;
import dev.memscope.app.report.ReportParts;
import dev.memscope.app.report.TraceText;
import dev.memscope.app.wiring.Backends;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.backend.kvm.KernelTrace;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.Machine;
import dev.memscope.emulator.session.TraceComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "trace", description = {"Run a guest (or replay a session) to a stop and write its event log: as "
    + "trace-cmd prints it (one tracepoint per line) or as Chrome/Perfetto trace JSON (open it at ui.perfetto.dev).",
    "With --backend kvm the log is the kernel's own kvm and kvmmmu tracepoints, recorded through tracefs during the "
        + "run (text only; needs root and a mounted tracefs).",
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

    @Option(names = "--compare", description = "With --backend kvm: also run the guest on the model and compare its "
            + "exits to userspace, port and MMIO accesses with the kernel's tracepoints; exits 0 when they agree, 1 "
            + "when they part (and says where).")
    private boolean compare;

    /** Per CPU: pci-scan on a kernel that emulates ring-0 code (kvm_pvm) records about 140,000 events. */
    static final int KERNEL_BUFFER_KB = 65536;

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
        boolean kernel = p.setup().backend().equals("kvm");
        if (compare && !kernel) {
            err.println("memscope: --compare compares the model with the kernel: give --backend kvm");
            return ExitCodes.USAGE;
        }
        if (compare && (!(p.stop() instanceof StopAt.End) || !p.switches().isEmpty())) {
            err.println("memscope: --compare runs the guest to its end: leave out --stop-at and variant switches");
            return ExitCodes.USAGE;
        }
        if (kernel && !format.equals("text")) {
            err.println("memscope: the kernel's tracepoints (--backend kvm) are written as text only");
            return ExitCodes.USAGE;
        }
        if (kernel && KernelTrace.unavailableReason().isPresent()) {
            err.println("memscope: cannot record the kernel's tracepoints: " + KernelTrace.unavailableReason().get());
            return ExitCodes.BACKEND_UNAVAILABLE;
        }
        try (Machine machine = new Machine(new Backends())) {
            HeadlessRun.Outcome o;
            KernelTrace.Capture capture = null;
            KernelTrace.Capture compared = null;
            // --compare records the compared tracepoints in an instance of their own during the same run: the whole
            // trace of a long guest overflows any buffer, those few events do not.
            try (KernelTrace all = kernel ? KernelTrace.start(List.of("kvm", "kvmmmu"), KERNEL_BUFFER_KB) : null;
                    KernelTrace few = compare ? KernelTrace.start(TraceComparison.KERNEL_EVENTS,
                            TraceComparison.KERNEL_BUFFER_KB) : null) {
                o = HeadlessRun.run(p, Duration.ofSeconds(plan.timeoutSeconds), machine);
                if (all != null) {
                    capture = all.stop();
                }
                if (few != null) {
                    compared = few.stop();
                }
            } catch (IOException e) {
                err.println("memscope: " + e.getMessage());
                return ExitCodes.BACKEND_UNAVAILABLE;
            }
            if (o.loadFailed()) {
                err.println("memscope: " + o.result().message());
                return o.result().message().startsWith("cannot create") ? ExitCodes.BACKEND_UNAVAILABLE
                        : ExitCodes.RUN_FAILED;
            }
            ReportFacts facts = ReportFacts.of(o.result().snapshot(), p.guest().origin());
            String text = capture != null ? TraceText.ofKernel(capture, ReportParts.traceHeader(facts, o.events()))
                    : format.equals("text") ? TraceText.of(o.events(), ReportParts.traceHeader(facts, o.events()))
                    : PerfettoTrace.of(o.events(), facts.guest() + " (" + facts.variant() + ")").toPrettyString();
            try {
                Files.write(out, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("memscope: cannot write " + out + ": " + e);
                return ExitCodes.USAGE;
            }
            err.printf("memscope: wrote %,d %s of %s to %s (%s)%n", capture != null ? capture.lines().size()
                    : o.events().size(), capture != null ? "kernel tracepoints" : "events", facts.guest(), out,
                    o.result().message());
            if (!o.result().reached()) {
                return ExitCodes.RUN_FAILED;
            }
            if (compare) {
                return compareWithModel(p, compared, err);
            }
            return 0;
        }
    }

    /** Runs the guest to its end on the model and compares with the kernel's run; 0 when they agree, 1 when not. */
    private int compareWithModel(RunPlan p, KernelTrace.Capture kernel, PrintWriter err) {
        try {
            TraceComparison c = TraceComparison.of(TraceComparison.modelEvents(p.setup(),
                    new BatchRun.Limits(Long.MAX_VALUE, Duration.ofSeconds(plan.timeoutSeconds).toNanos())), kernel);
            spec.commandLine().getOut().println(c.describe());
            return c.identical() ? 0 : 1;
        } catch (Exception e) {
            err.println("memscope: cannot compare: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
    }
}
