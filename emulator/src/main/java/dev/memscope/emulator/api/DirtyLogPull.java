package dev.memscope.emulator.api;

/**
 * One {@code KVM_GET_DIRTY_LOG} made from the debugger: what the ioctl returned and which pages of the slot were dirty
 * (it also cleared them and write-protected them again).
 *
 * @param result 0 or -errno, as the ioctl returns it
 * @param dirtyGfns the dirty pages' gfns, in order (at most the first 4096; {@code dirtyPages} counts them all)
 */
public record DirtyLogPull(int slot, long baseGfn, long npages, int result, long dirtyPages, long[] dirtyGfns) {
    public DirtyLogPull {
        dirtyGfns = dirtyGfns.clone();
    }

    @Override
    public long[] dirtyGfns() {
        return dirtyGfns.clone();
    }
}
