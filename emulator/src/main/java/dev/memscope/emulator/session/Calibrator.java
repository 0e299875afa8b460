package dev.memscope.emulator.session;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.trace.CostModel;
import dev.memscope.emulator.vmm.VmmException;
import java.time.LocalDate;
import java.util.Map;

/**
 * Calibrates the cost model from real KVM (issue 7). The same guest runs under {@code mmio-exit} and under
 * {@code readonly-page} on the kernel and on the model: the runs execute the same instructions and differ only in
 * the reads of absent functions, which exit to userspace in one and are mapped in the other. So the difference of
 * their times divided by the difference of their MMIO exits is the cost of one userspace MMIO exit, with everything
 * else cancelled out. The model's userspace-exit cost is then moved by the gap, so the model's per-exit cost equals
 * the kernel's; the rest of the measured time, per instruction, becomes the model's instruction cost.
 */
public final class Calibrator {
    private Calibrator() {
    }

    public static Calibration calibrate(SessionSetup base, BackendFactory factory, BatchRun.Limits limits)
            throws BackendException, VmmException {
        RunResult realExit = BatchRun.run(base.withBackend("kvm").withVariant(HoleVariant.MMIO_EXIT), factory, limits);
        RunResult realMapped = BatchRun.run(base.withBackend("kvm").withVariant(HoleVariant.READONLY_PAGE), factory,
                limits);
        RunResult modelExit = BatchRun.run(base.withBackend("sim").withVariant(HoleVariant.MMIO_EXIT), factory,
                limits);
        RunResult modelMapped = BatchRun.run(base.withBackend("sim").withVariant(HoleVariant.READONLY_PAGE), factory,
                limits);
        for (RunResult r : new RunResult[] {realExit, realMapped, modelExit, modelMapped}) {
            if (!r.succeeded()) {
                throw new VmmException("calibration run " + r.variant() + " on " + r.backend() + " failed: "
                        + r.failure());
            }
        }
        long exits = mmio(realExit) - mmio(realMapped);
        long modelExits = mmio(modelExit) - mmio(modelMapped);
        if (exits <= 0 || exits != modelExits) {
            throw new VmmException("the calibration guest " + base.guestName() + " must make the same hole reads on "
                    + "both backends and exit for them under mmio-exit only (kernel: " + exits + " more exits, model: "
                    + modelExits + ")");
        }
        long measured = Math.max(0, (realExit.wallNanos() - realMapped.wallNanos()) / exits);
        long model = (modelExit.modelledNanos() - modelMapped.modelledNanos()) / exits;
        long userspace = new CostModel().cost(EventKind.KVM_USERSPACE_EXIT);
        long calibratedUserspace = Math.max(0, userspace + (measured - model));
        long rest = realMapped.wallNanos() - mmio(realMapped) * measured;
        long picos = modelMapped.instructions() > 0 ? Math.max(1, rest * 1000 / modelMapped.instructions()) : 0;
        return new Calibration(realExit.backendDescription(), base.guestName(), LocalDate.now().toString(), exits,
                measured, model, picos, Map.of(EventKind.KVM_USERSPACE_EXIT, calibratedUserspace));
    }

    private static long mmio(RunResult r) {
        return r.exits().getOrDefault("MMIO", 0L);
    }
}
