package dev.memscope.emulator.session;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.VariantSwitch;
import dev.memscope.emulator.vmm.VmmStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the machine stands, as the stop position that runs there again from the guest's entry, whether that name is
 * exact, and the live variant switches on the way (docs/decisions/0013). Machine thread only.
 */
final class Whereabouts {
    private StopAt position;
    private boolean exact;
    private final List<VariantSwitch> switches = new ArrayList<>();

    /** No guest, or a load that failed. */
    void clear() {
        position = null;
        exact = false;
        switches.clear();
    }

    /** At the guest's entry. */
    void entered() {
        position = new StopAt.Instructions(0);
        exact = true;
    }

    /** A stop inside the machine: the debugger names it (or the nearest earlier point, inexact). */
    void inside(StopAt at, boolean isExact) {
        position = at;
        exact = isExact;
    }

    /**
     * Names where a KVM_RUN left the machine: the end, the Nth exit to userspace, or an instruction boundary. On the
     * simulated backend a run the debugger ended stops at an instruction boundary (the backend retires the
     * instruction a fault interrupted first), unless a fault completed after the last instruction retired: then the
     * stop is inside that instruction and only the fault's last phase names an earlier point. On real KVM
     * ({@code instructions < 0}) an interrupted run has no name: the last one stands, inexact.
     */
    void afterRun(VmmStep step, long userspaceExits, long instructions, SimDebugger debugger) {
        switch (step.kind()) {
            case EXITED, FAILED -> inside(new StopAt.End(), true);
            case SYNC, CONTINUE -> inside(new StopAt.NthExit(userspaceExits), true);
            case INTERRUPTED, DEBUG -> {
                if (instructions < 0) {
                    exact = false;
                } else if (debugger != null && debugger.faultDoneAtInstruction() == instructions) {
                    inside(debugger.faultPosition(), false);
                } else {
                    inside(new StopAt.Instructions(instructions), true);
                }
            }
            default -> {
            }
        }
    }

    void switched(HoleVariant from, HoleVariant to) {
        switches.add(new VariantSwitch(position, exact, from, to));
    }

    StopAt position() {
        return position;
    }

    boolean exact() {
        return exact;
    }

    List<VariantSwitch> switches() {
        return switches;
    }
}
