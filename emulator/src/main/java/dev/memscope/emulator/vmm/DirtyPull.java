package dev.memscope.emulator.vmm;

/**
 * One KVM_GET_DIRTY_LOG the VMM made at a sync value: the slot's bitmap (bit i = page i of the slot, LSB first) and
 * what the ioctl returned.
 */
public record DirtyPull(long syncValue, int slot, long[] bitmap, int result) {
    public DirtyPull {
        bitmap = bitmap.clone();
    }

    @Override
    public long[] bitmap() {
        return bitmap.clone();
    }

    public boolean dirty(long page) {
        return (bitmap[(int) (page >>> 6)] >>> (page & 63) & 1) != 0;
    }

    public int dirtyPages() {
        int n = 0;
        for (long w : bitmap) {
            n += Long.bitCount(w);
        }
        return n;
    }
}
