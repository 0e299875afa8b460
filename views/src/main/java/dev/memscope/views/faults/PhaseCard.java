package dev.memscope.views.faults;

import dev.memscope.emulator.api.FaultPhase;
import java.util.List;

/**
 * One phase of a fault as the stepper shows it: what ran, in which kernel function, and what it found.
 *
 * @param function the kernel function the phase mirrors, such as {@code kvm_mmu_faultin_pfn()}
 * @param fields what the phase read or decided, in order
 */
public record PhaseCard(FaultPhase phase, State state, String function, List<Field> fields) {
    public enum State {
        /** The phase ran. */
        RAN,
        /** The phase ran and the machine is stopped right after it (the fault is in progress). */
        STOPPED_AFTER,
        /** The fault has not got there yet (expected on this path). */
        PENDING
    }

    /** A name, its value, and an optional note saying why. */
    public record Field(String name, String value, String note) {
        public Field(String name, String value) {
            this(name, value, "");
        }
    }

    public PhaseCard {
        fields = List.copyOf(fields);
    }
}
