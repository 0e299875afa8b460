package dev.memscope.emulator.session;

import dev.memscope.emulator.api.EventKind;
import java.util.Map;

/**
 * A cost-model calibration made on a real kernel: the measured cost of one exit to userspace for a hole access, the
 * model's cost of the same before calibration, and the costs to use from now on.
 *
 * @param kernel the real backend's description (kernel release, paging mode)
 * @param guest the guest the measurement ran
 * @param exitsCompared how many userspace MMIO exits the two runs differ by (the sample size)
 * @param measuredExitNanos measured cost of one userspace MMIO exit, from the difference of two runs
 * @param modelExitNanos the model's cost of one, from the same difference, before calibration
 * @param picosPerInstruction measured cost of the rest of the run per guest instruction (picoseconds)
 * @param costNanos the calibrated costs per event kind (only those that change)
 */
public record Calibration(String kernel, String guest, String date, long exitsCompared, long measuredExitNanos,
        long modelExitNanos, long picosPerInstruction, Map<EventKind, Long> costNanos) {
    public Calibration {
        costNanos = Map.copyOf(costNanos);
    }
}
