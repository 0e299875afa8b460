package dev.memscope.emulator.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What views may ask of the machine. Commands return at once and take effect on the machine thread; observation is
 * through immutable snapshots and the event log. Nothing here blocks the caller or lets it touch machine state.
 */
public interface MachineControl {
    /** The newest published snapshot (never null). */
    MachineSnapshot snapshot();

    /** Events with sequence numbers from {@code fromSeq} on that are still in the log, at most {@code max}. */
    List<TraceEvent> eventsSince(long fromSeq, int max);

    void run();

    void pause();

    void step(StepKind kind);

    /** Back to the guest's entry with the same setup. */
    void reset();

    /** Whether this step granularity works on the current backend (real KVM cannot stop inside a fault). */
    boolean canStep(StepKind kind);

    List<Breakpoint> breakpoints();

    void setBreakpoints(List<Breakpoint> breakpoints);

    /** At a stop: the VMM swaps the hole's memslots live. Otherwise: restart from the entry with the new variant. */
    void switchVariant(HoleVariant variant);

    /**
     * {@code KVM_PRE_FAULT_MEMORY} on the live vCPU at a stop (the pre-fault dialog): the struct before and after and
     * the ioctl's result. Fails (exceptionally) when no guest is loaded or the machine is running.
     */
    CompletableFuture<PreFaultResult> preFaultMemory(long gpa, long size, long flags);

    /** Turns dirty logging of memslot {@code slot} (address space 0) on or off: a FLAGS_ONLY change; 0 or -errno. */
    CompletableFuture<Integer> setDirtyLogging(int slot, boolean on);

    /** {@code KVM_GET_DIRTY_LOG} of memslot {@code slot}: copy out, clear, and write-protect again. */
    CompletableFuture<DirtyLogPull> pullDirtyLog(int slot);

    /** Asks for an expensive view of machine state; completed on the machine thread at its next chance. */
    <T> CompletableFuture<T> query(Query<T> query);
}
