package dev.memscope.emulator.trace;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.TraceEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The event log: a preallocated ring of longs, {@value #STRIDE} per event (modelled time, kind and vCPU, six
 * arguments). Recording is a few array stores and never allocates; formatting happens only when a reader drains
 * events into {@link TraceEvent}s. One writer (the machine thread); readers on other threads may drain at any time
 * and detect events the ring overwrote before they were read (a gap in sequence numbers).
 */
public final class EventLog {
    static final int STRIDE = 8;
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(EventLog.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] ring;
    private final int mask;
    private final CostModel cost;
    private final boolean[] enabled = new boolean[EventKind.values().length];
    /** Sequence number of the next event; published with release semantics after the event's slots are written. */
    @SuppressWarnings("unused")
    private volatile long head;
    private long eventNanos;
    private long drained;

    /** @param capacity events kept (rounded up to a power of two) */
    public EventLog(int capacity, CostModel cost) {
        int cap = capacity <= 16 ? 16 : Integer.highestOneBit(capacity - 1) << 1;
        this.ring = new long[cap * STRIDE];
        this.mask = cap - 1;
        this.cost = cost;
        java.util.Arrays.fill(enabled, true);
    }

    public EventLog() {
        this(1 << 16, new CostModel());
    }

    public CostModel costModel() {
        return cost;
    }

    /** Turns recording of one kind on or off (its cost still counts in modelled time). */
    public void setEnabled(EventKind kind, boolean on) {
        enabled[kind.ordinal()] = on;
    }

    public boolean isEnabled(EventKind kind) {
        return enabled[kind.ordinal()];
    }

    public void record(EventKind kind, int vcpu, long a0) {
        record(kind, vcpu, a0, 0, 0, 0, 0, 0);
    }

    public void record(EventKind kind, int vcpu, long a0, long a1) {
        record(kind, vcpu, a0, a1, 0, 0, 0, 0);
    }

    public void record(EventKind kind, int vcpu, long a0, long a1, long a2) {
        record(kind, vcpu, a0, a1, a2, 0, 0, 0);
    }

    public void record(EventKind kind, int vcpu, long a0, long a1, long a2, long a3) {
        record(kind, vcpu, a0, a1, a2, a3, 0, 0);
    }

    public void record(EventKind kind, int vcpu, long a0, long a1, long a2, long a3, long a4) {
        record(kind, vcpu, a0, a1, a2, a3, a4, 0);
    }

    public void record(EventKind kind, int vcpu, long a0, long a1, long a2, long a3, long a4, long a5) {
        int k = kind.ordinal();
        eventNanos += cost.costByOrdinal(k);
        if (!enabled[k]) {
            return;
        }
        long seq = (long) HEAD.getOpaque(this);
        int base = (int) (seq & mask) * STRIDE;
        long[] r = ring;
        r[base] = eventNanos + cost.instructionNanos();
        r[base + 1] = ((long) vcpu << 32) | k;
        r[base + 2] = a0;
        r[base + 3] = a1;
        r[base + 4] = a2;
        r[base + 5] = a3;
        r[base + 6] = a4;
        r[base + 7] = a5;
        HEAD.setRelease(this, seq + 1);
    }

    /** Sequence number the next event will get (= events recorded so far). */
    public long nextSeq() {
        return (long) HEAD.getAcquire(this);
    }

    /** Modelled nanoseconds so far: event costs plus guest instructions. */
    public long modelledNanos() {
        return eventNanos + cost.instructionNanos();
    }

    /** Modelled nanoseconds of events alone (without guest instructions). */
    public long eventNanos() {
        return eventNanos;
    }

    /**
     * Events from {@code fromSeq} on (those still in the ring), at most {@code max}. Any thread. The oldest slot
     * is the one the writer fills next, so at most capacity - 1 events are readable; an event the writer overwrote
     * while it was being copied is dropped (a gap in sequence numbers).
     */
    public List<TraceEvent> since(long fromSeq, int max) {
        long end = nextSeq();
        long start = Math.max(fromSeq, end - mask);
        if (end - start > max) {
            end = start + max;
        }
        List<TraceEvent> out = new ArrayList<>((int) Math.max(0, end - start));
        EventKind[] kinds = EventKind.values();
        for (long seq = start; seq < end; seq++) {
            int base = (int) (seq & mask) * STRIDE;
            long[] r = ring;
            TraceEvent e = new TraceEvent(seq, r[base], (int) (r[base + 1] >>> 32), kinds[(int) r[base + 1]],
                    r[base + 2], r[base + 3], r[base + 4], r[base + 5], r[base + 6], r[base + 7]);
            // The writer may have lapped this slot while we read it: drop what is no longer valid.
            VarHandle.loadLoadFence();
            if (nextSeq() - seq >= mask + 1) {
                continue;
            }
            out.add(e);
        }
        return out;
    }

    /** Everything recorded since the last drain (one reader), at most {@code max} events. */
    public synchronized List<TraceEvent> drain(int max) {
        List<TraceEvent> out = since(drained, max);
        drained = out.isEmpty() ? Math.max(drained, nextSeq() - mask) : out.get(out.size() - 1).seq() + 1;
        return out;
    }

    /** Every event still in the ring, as text lines (for golden logs and the command line). */
    public List<String> lines(long fromSeq) {
        List<String> out = new ArrayList<>();
        for (TraceEvent e : since(fromSeq, Integer.MAX_VALUE)) {
            out.add(e.line());
        }
        return out;
    }
}
