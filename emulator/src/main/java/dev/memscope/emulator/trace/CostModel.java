package dev.memscope.emulator.trace;

import dev.memscope.emulator.api.EventKind;
import java.util.function.LongSupplier;

/**
 * Modelled time (DESIGN.md "Cost model"): a cost in nanoseconds per event kind, plus a cost per guest instruction
 * read from a counter the machine provides. The defaults are {@link EventKind#defaultCostNanos()}: about 1 us for a
 * hole access handled in the kernel (exit 400 ns + in-kernel emulation 600 ns) and about 6 us for one handled in
 * userspace (plus the 5 us userspace round trip), the figures of the PCI_HOLE v1 cover letter. Calibrate them from a
 * real-KVM run with {@link #setCost}.
 */
public final class CostModel {
    private final long[] nanos = new long[EventKind.values().length];
    private LongSupplier instructions;
    private long nanosPerInstructionTimes1000 = 1000;

    public CostModel() {
        for (EventKind k : EventKind.values()) {
            nanos[k.ordinal()] = k.defaultCostNanos();
        }
    }

    public void setCost(EventKind kind, long costNanos) {
        nanos[kind.ordinal()] = costNanos;
    }

    public long cost(EventKind kind) {
        return nanos[kind.ordinal()];
    }

    /** The machine's instruction counter and the cost of one guest instruction in picoseconds (default 1000). */
    public void setInstructionClock(LongSupplier instructionCount, long picosPerInstruction) {
        this.instructions = instructionCount;
        this.nanosPerInstructionTimes1000 = picosPerInstruction;
    }

    long costByOrdinal(int ordinal) {
        return nanos[ordinal];
    }

    /** Modelled nanoseconds of guest execution so far. */
    long instructionNanos() {
        LongSupplier i = instructions;
        return i == null ? 0 : i.getAsLong() * nanosPerInstructionTimes1000 / 1000;
    }
}
