package dev.memscope.emulator.api;

/**
 * One byte of state per gfn for a heatmap: bit flags below. Cheap to hold for millions of pages.
 */
public record SpteMap(int asId, long firstGfn, byte[] states) {
    /** A shadow-present leaf SPTE maps the gfn. */
    public static final int PRESENT = 1;
    /** The leaf is writable. */
    public static final int WRITABLE = 1 << 1;
    /** An MMIO SPTE (not present, caches "this gfn is MMIO" with a generation). */
    public static final int MMIO = 1 << 2;
    /** Installed by prefetch and not accessed since (access-tracked). */
    public static final int PREFETCHED = 1 << 3;
    /** Mapped by a 2 MiB or 1 GiB leaf. */
    public static final int HUGE = 1 << 4;
    /** Marked in the slot's dirty bitmap, or the SPTE's Dirty bit is set. */
    public static final int DIRTY = 1 << 5;
    /** No memslot covers the gfn. */
    public static final int NO_SLOT = 1 << 6;

    public SpteMap {
        states = states.clone();
    }

    @Override
    public byte[] states() {
        return states.clone();
    }

    public int state(long gfn) {
        long i = gfn - firstGfn;
        return i < 0 || i >= states.length ? NO_SLOT : states[(int) i] & 0xFF;
    }

    public int pages() {
        return states.length;
    }
}
