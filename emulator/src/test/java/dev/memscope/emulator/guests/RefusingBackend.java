package dev.memscope.emulator.guests;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.backend.KvmSregs;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.VmBackend;

/**
 * A backend that refuses memslots with any of some flags with -EINVAL, as a kernel without them does
 * ({@code check_memory_region_flags()}, virt/kvm/kvm_main.c), and passes everything else to the backend it wraps.
 */
final class RefusingBackend implements VmBackend {
    private final VmBackend inner;
    private final int refusedFlags;

    RefusingBackend(VmBackend inner, int refusedFlags) {
        this.inner = inner;
        this.refusedFlags = refusedFlags;
    }

    @Override
    public int setUserMemoryRegion(int slot, int flags, long guestPhysAddr, long memorySize, long userspaceAddr) {
        if ((flags & refusedFlags) != 0) {
            return -Errno.EINVAL;
        }
        return inner.setUserMemoryRegion(slot, flags, guestPhysAddr, memorySize, userspaceAddr);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public int checkExtension(int cap) {
        return inner.checkExtension(cap);
    }

    @Override
    public long mmap(long bytes, MemoryBacking backing) throws BackendException {
        return inner.mmap(bytes, backing);
    }

    @Override
    public void munmap(long hva, long bytes) {
        inner.munmap(hva, bytes);
    }

    @Override
    public void writeHost(long hva, byte[] src, int offset, int length) {
        inner.writeHost(hva, src, offset, length);
    }

    @Override
    public void readHost(long hva, byte[] dst, int offset, int length) {
        inner.readHost(hva, dst, offset, length);
    }

    @Override
    public int getDirtyLog(int slot, long[] bitmap) {
        return inner.getDirtyLog(slot, bitmap);
    }

    @Override
    public KvmRegs getRegs() {
        return inner.getRegs();
    }

    @Override
    public void setRegs(KvmRegs regs) {
        inner.setRegs(regs);
    }

    @Override
    public KvmSregs getSregs() {
        return inner.getSregs();
    }

    @Override
    public void setSregs(KvmSregs sregs) {
        inner.setSregs(sregs);
    }

    @Override
    public KvmRun run(long instructionBudget) {
        return inner.run(instructionBudget);
    }

    @Override
    public void requestStop() {
        inner.requestStop();
    }

    @Override
    public int preFaultMemory(KvmPreFaultMemory range) {
        return inner.preFaultMemory(range);
    }

    @Override
    public void close() {
        inner.close();
    }
}
