package dev.memscope.emulator.kvm;

/**
 * Storage of host frames: pfn to {@code byte[4096]}, in chunks of 4096 frames (16 MiB of guest memory per chunk of
 * references), allocated on first store. Frame numbers of one region are dense (handed out in order), so the
 * references cost about 0.1% of the memory they point to.
 */
final class FrameTable {
    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;
    private final long basePfn;
    private byte[][][] chunks = new byte[16][][];

    FrameTable(long basePfn) {
        this.basePfn = basePfn;
    }

    /** The page of {@code pfn}, or null when nothing was stored yet. */
    byte[] get(long pfn) {
        long idx = pfn - basePfn;
        int c = (int) (idx >>> CHUNK_SHIFT);
        if (idx < 0 || c >= chunks.length) {
            return null;
        }
        byte[][] chunk = chunks[c];
        return chunk == null ? null : chunk[(int) idx & CHUNK_MASK];
    }

    void put(long pfn, byte[] page) {
        long idx = pfn - basePfn;
        int c = (int) (idx >>> CHUNK_SHIFT);
        if (c >= chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, Math.max(chunks.length * 2, c + 1));
        }
        byte[][] chunk = chunks[c];
        if (chunk == null) {
            chunk = chunks[c] = new byte[1 << CHUNK_SHIFT][];
        }
        chunk[(int) idx & CHUNK_MASK] = page;
    }

    /** Drops the storage of a frame (munmap). */
    void clear(long pfn) {
        long idx = pfn - basePfn;
        int c = (int) (idx >>> CHUNK_SHIFT);
        if (idx >= 0 && c < chunks.length && chunks[c] != null) {
            chunks[c][(int) idx & CHUNK_MASK] = null;
        }
    }
}
