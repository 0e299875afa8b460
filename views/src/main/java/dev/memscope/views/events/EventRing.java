package dev.memscope.views.events;

import dev.memscope.emulator.api.TraceEvent;

/**
 * The last {@code capacity} events, oldest first, with a count of those pushed out. Events are kept unformatted:
 * a line is printed only when a cell shows it.
 */
public final class EventRing {
    private final TraceEvent[] slots;
    private int head;
    private int size;
    private long evicted;

    public EventRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        slots = new TraceEvent[capacity];
    }

    public void add(TraceEvent e) {
        if (size == slots.length) {
            slots[head] = e;
            head = (head + 1) % slots.length;
            evicted++;
        } else {
            slots[(head + size) % slots.length] = e;
            size++;
        }
    }

    /** Counts events that went by without being kept (a batch larger than the ring). */
    public void skipped(long count) {
        evicted += count;
    }

    /** The {@code i}-th oldest event kept. */
    public TraceEvent get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return slots[(head + i) % slots.length];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return slots.length;
    }

    /** Events pushed out of the ring (or never kept) since the last {@link #clear}. */
    public long evicted() {
        return evicted;
    }

    /** The oldest kept event's sequence number, or Long.MAX_VALUE when empty. */
    public long oldestSeq() {
        return size == 0 ? Long.MAX_VALUE : slots[head].seq();
    }

    public void clear() {
        java.util.Arrays.fill(slots, null);
        head = 0;
        size = 0;
        evicted = 0;
    }
}
