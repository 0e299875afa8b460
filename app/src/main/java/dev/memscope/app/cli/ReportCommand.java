package dev.memscope.app.cli;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.gui.report.HeadlessReport;
import dev.memscope.app.report.ReportBundle;
import dev.memscope.app.report.ReportReadme;
import dev.memscope.app.report.TraceText;
import dev.memscope.emulator.backend.kvm.KernelTrace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", description = {"Run a guest (or replay a session) to a stop and write the bug report File > "
    + "Export bug report writes: README.md, session.json, the event log as trace text and Perfetto JSON, the counters, "
    + "and a PNG of the window and of every pane. No display is needed: the window is rendered on Monocle.",
    "Exits 0 when the stop was reached, 128 when the run ended elsewhere (the report is written all the same)."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PlanOptions plan;

    @Option(names = "--out", required = true, paramLabel = "DIR|FILE.zip", description = "A new (or empty) "
            + "directory, or a zip file.")
    private Path out;

    @Option(names = "--compare", description = "Also run the guest under every hole variant and include the table.")
    private boolean compare;

    @Option(names = "--scale", defaultValue = "1", description = "Pixels per layout pixel in the pictures (2 for a "
            + "HiDPI look). Default: ${DEFAULT-VALUE}.")
    private double scale;

    @Option(names = "--size", defaultValue = "1600x1000", paramLabel = "WxH", description = "The window's size. "
            + "Default: ${DEFAULT-VALUE}.")
    private String size;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        var m = java.util.regex.Pattern.compile("(\\d{3,5})x(\\d{3,5})").matcher(size);
        if (!m.matches() || scale < 0.5 || scale > 4) {
            err.println("memscope: --size must be WIDTHxHEIGHT (such as 1600x1000) and --scale between 0.5 and 4");
            return ExitCodes.USAGE;
        }
        try {
            ReportBundle.checkTarget(out);
        } catch (IOException e) {
            err.println("memscope: cannot write the report there: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        GuestCatalog catalog = GuestCatalog.builtIn();
        RunPlan p;
        try {
            p = RunPlan.of(plan, catalog);
        } catch (RunPlan.Refused e) {
            err.println("memscope: " + e.getMessage());
            return e.exitCode;
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        HeadlessFx.start(width, height);
        // On real KVM with tracefs at hand, the kernel's own tracepoints of the run go into the report too.
        boolean kernel = p.setup().backend().equals("kvm") && KernelTrace.unavailableReason().isEmpty();
        KernelTrace.Capture capture = null;
        HeadlessReport.Made made;
        try (KernelTrace trace = kernel ? KernelTrace.start(List.of("kvm", "kvmmmu"), TraceCommand.KERNEL_BUFFER_KB)
                : null) {
            made = HeadlessReport.make(catalog, p.guest(), p.setup(), p.switches(), p.stop(), p.breakpoints(),
                    p.layout(), Duration.ofSeconds(plan.timeoutSeconds), compare, width, height, scale);
            if (trace != null) {
                capture = trace.stop();
            }
        } catch (IOException e) {
            err.println("memscope: " + e.getMessage());
            return ExitCodes.BACKEND_UNAVAILABLE;
        }
        if (made.bundle() != null && capture != null) {
            made.bundle().addText("kernel-trace.txt", TraceText.ofKernel(capture, "Memscope report of "
                    + p.guest().name() + ": the kernel's tracepoints during the run"));
            made.bundle().appendText("README.md", ReportReadme.kernelTraceSection(capture.lines().size(),
                    capture.lost()));
        }
        if (made.bundle() == null) {
            err.println("memscope: " + made.message());
            return made.message().startsWith("cannot create") ? ExitCodes.BACKEND_UNAVAILABLE : ExitCodes.RUN_FAILED;
        }
        ReportBundle bundle = made.bundle();
        try {
            bundle.write(out);
        } catch (IOException e) {
            err.println("memscope: cannot write the report: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.printf("memscope: wrote a report of %s (%s) to %s: %d files%n", p.guest().name(), made.message(), out,
                bundle.files().size());
        if (!made.reached()) {
            err.println("memscope: the run did not reach " + p.stop().text() + "; the report shows where it stopped");
            return ExitCodes.RUN_FAILED;
        }
        return 0;
    }
}
