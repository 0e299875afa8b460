package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.BackendException;
import jnr.ffi.Pointer;

/**
 * A buffer of native memory for ioctl arguments (structs, dirty bitmaps), mapped once and grown when a larger one is
 * needed, so that no ioctl allocates and {@link #close()} leaves nothing behind. Machine thread only.
 */
final class NativeScratch implements AutoCloseable {
    private final Native nat;
    private long address = -1;
    private long bytes;

    NativeScratch(Native nat) {
        this.nat = nat;
    }

    /** At least {@code size} bytes, zeroed. */
    Pointer get(long size) throws BackendException {
        if (size > bytes) {
            long want = Math.max(HostMemory.PAGE_4K, (size + HostMemory.PAGE_4K - 1) & -HostMemory.PAGE_4K);
            long fresh = nat.libc.mmap(null, want, LibC.PROT_READ | LibC.PROT_WRITE,
                    LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
            if (fresh == -1) {
                throw new BackendException("mapping 0x" + Long.toHexString(want) + " bytes of ioctl scratch failed",
                        nat.errno());
            }
            close();
            address = fresh;
            bytes = want;
        }
        Pointer p = nat.pointer(address, size);
        p.setMemory(0, size, (byte) 0);
        return p;
    }

    @Override
    public void close() {
        if (address != -1) {
            nat.libc.munmap(address, bytes);
            address = -1;
            bytes = 0;
        }
    }
}
