package dev.memscope.emulator.kvm.conformance;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.VmBackend;
import java.io.UncheckedIOException;

/** Any {@link VmBackend} as a {@link RegionTarget}: how the tables run against real {@code /dev/kvm}. */
public final class BackendTarget implements RegionTarget {
    private final VmBackend backend;

    public BackendTarget(VmBackend backend) {
        this.backend = backend;
    }

    @Override
    public long mmap(long bytes, MemoryBacking backing) {
        try {
            return backend.mmap(bytes, backing);
        } catch (BackendException e) {
            throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
        }
    }

    @Override
    public int setUserMemoryRegion(int slot, int flags, long gpa, long size, long uaddr) {
        return backend.setUserMemoryRegion(slot, flags, gpa, size, uaddr);
    }

    @Override
    public int preFaultMemory(KvmPreFaultMemory range) {
        return backend.preFaultMemory(range);
    }

    @Override
    public boolean isModel() {
        return false;
    }

    @Override
    public void close() {
        backend.close();
    }
}
