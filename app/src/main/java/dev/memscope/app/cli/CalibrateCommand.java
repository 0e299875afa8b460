package dev.memscope.app.cli;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestSource;
import dev.memscope.app.wiring.Backends;
import dev.memscope.app.wiring.CalibrationFile;
import dev.memscope.app.wiring.Setups;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.Calibration;
import dev.memscope.emulator.session.Calibrator;
import dev.memscope.emulator.vmm.VmmException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "calibrate", description = {"Measure this machine's real KVM and calibrate the cost model from it.",
    "Runs the guest under mmio-exit and readonly-page on /dev/kvm and on the model; the difference of each pair is "
        + "the cost of one userspace MMIO exit. Use the file with --calibration on run and compare."})
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "GUEST", defaultValue = "pci-scan-naive", description = "Default: ${DEFAULT-VALUE}.")
    private String guest;

    @Option(names = "--out", defaultValue = "memscope-calibration.json", description = "Where to write it. "
            + "Default: ${DEFAULT-VALUE}.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        GuestCatalog catalog = GuestCatalog.builtIn();
        GuestSource source;
        try {
            source = GuestSource.resolve(guest, catalog);
        } catch (GuestSource.NotFoundException e) {
            err.println("memscope: " + e.getMessage());
            return ExitCodes.NOT_FOUND;
        }
        Calibration c;
        try {
            c = Calibrator.calibrate(Setups.forGuest(source, "none"), new Backends(), BatchRun.Limits.defaults());
        } catch (BackendException e) {
            err.println("memscope: calibration needs real KVM: " + e.getMessage());
            return ExitCodes.BACKEND_UNAVAILABLE;
        } catch (VmmException e) {
            err.println("memscope: calibration failed: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        CalibrationFile.write(c, out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("kernel: %s%n", c.kernel());
        o.printf("one userspace MMIO exit: measured %,d ns, model %,d ns (from %,d exits); the model's "
                + "KVM_USERSPACE_EXIT cost becomes %,d ns%n", c.measuredExitNanos(), c.modelExitNanos(),
                c.exitsCompared(), c.costNanos().values().iterator().next());
        o.printf("the rest of the run: %,d ps per guest instruction%n", c.picosPerInstruction());
        o.printf("written to %s%n", out.toAbsolutePath());
        return 0;
    }
}
