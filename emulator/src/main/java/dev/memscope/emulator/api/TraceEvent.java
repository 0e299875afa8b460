package dev.memscope.emulator.api;

/**
 * One recorded event, materialized when the log is drained. {@link #text()} prints it as the kernel tracepoint it
 * mirrors prints (the {@code TP_printk} line, without trace-cmd's header).
 *
 * @param seq sequence number, dense from 0 (a gap means the ring overwrote events before they were drained)
 * @param nanos modelled time of the event, in nanoseconds since the VM was created
 */
public record TraceEvent(long seq, long nanos, int vcpu, EventKind kind, long a0, long a1, long a2, long a3,
        long a4, long a5) {

    public long arg(int i) {
        return switch (i) {
            case 0 -> a0;
            case 1 -> a1;
            case 2 -> a2;
            case 3 -> a3;
            case 4 -> a4;
            case 5 -> a5;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /** The tracepoint's line, such as {@code gfn 100 pfn 100200 level 1}. */
    public String text() {
        return kind.format(this);
    }

    /** {@code kvmmmu:kvm_mmu_set_spte: gfn ...}: system, name and text, as trace-cmd prints after its header. */
    public String line() {
        return kind.system() + ":" + kind.tracepoint() + ": " + text();
    }

    @Override
    public String toString() {
        return line();
    }
}
