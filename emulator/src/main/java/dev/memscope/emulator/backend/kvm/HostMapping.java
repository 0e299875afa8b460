package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.MemoryBacking;

/** One range of the VMM's address space made by {@link HostMemory#mmap}: what backs it and whether it is writable. */
record HostMapping(long hva, long bytes, MemoryBacking backing, boolean writable) {
    long end() {
        return hva + bytes;
    }

    boolean contains(long start, long length) {
        return Long.compareUnsigned(start, hva) >= 0 && length >= 0
                && Long.compareUnsigned(start + length, end()) <= 0
                && Long.compareUnsigned(start + length, start) >= 0;
    }
}
