package dev.memscope.emulator.kvm.conformance;

import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.kvm.Kvm;
import dev.memscope.emulator.kvm.KvmConfig;
import dev.memscope.emulator.kvm.KvmVcpu;
import dev.memscope.emulator.kvm.SimplePagingState;

/** The KVM model as a {@link RegionTarget}. */
public final class ModelTarget implements RegionTarget {
    public final Kvm kvm;
    public final SimplePagingState paging = new SimplePagingState();
    public final KvmVcpu vcpu;

    public ModelTarget(KvmConfig cfg) {
        kvm = Kvm.create(cfg);
        vcpu = kvm.createVcpu(paging);
    }

    @Override
    public long mmap(long bytes, MemoryBacking backing) {
        return kvm.host().mmap(bytes, backing);
    }

    @Override
    public int setUserMemoryRegion(int slot, int flags, long gpa, long size, long uaddr) {
        return kvm.setUserMemoryRegion(slot, flags, gpa, size, uaddr);
    }

    @Override
    public int preFaultMemory(KvmPreFaultMemory range) {
        return vcpu.preFaultMemory(range);
    }

    @Override
    public boolean isModel() {
        return true;
    }
}
