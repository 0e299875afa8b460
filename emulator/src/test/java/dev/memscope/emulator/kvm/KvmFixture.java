package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.backend.MemoryBacking;

/** A VM with one vCPU, built the way a VMM would, for tests that drive the model without a CPU. */
final class KvmFixture {
    final Kvm kvm;
    final SimplePagingState paging = new SimplePagingState();
    final KvmVcpu vcpu;

    KvmFixture(MmuMode mode) {
        this(KvmConfig.defaults(mode));
    }

    KvmFixture(KvmConfig cfg) {
        kvm = Kvm.create(cfg);
        vcpu = kvm.createVcpu(paging);
    }

    static KvmFixture withPolicy(MmuMode mode, PrefetchDecision.Policy p) {
        return new KvmFixture(KvmConfig.defaults(mode).withAllonesPrefetch(p));
    }

    /** mmap + KVM_SET_USER_MEMORY_REGION; returns the HVA. */
    long ramSlot(int slot, long gpa, long bytes, MemoryBacking backing, int flags) {
        long hva = kvm.host().mmap(bytes, backing);
        assertThat(kvm.setUserMemoryRegion(slot, flags, gpa, bytes, hva)).isZero();
        return hva;
    }

    long ramSlot(int slot, long gpa, long bytes) {
        return ramSlot(slot, gpa, bytes, MemoryBacking.ANONYMOUS, 0);
    }

    void holeSlot(int slot, long gpa, long bytes, int flags) {
        assertThat(kvm.setUserMemoryRegion(slot, flags, gpa, bytes, 0)).isZero();
    }

    /** An EPT-violation-style fault on a gpa (TDP modes): read, write or fetch, present or not. */
    KvmPageFault fault(long gpa, boolean write) {
        return vcpu.newFault(gpa, (write ? Pferr.WRITE : Pferr.USER) | Pferr.GUEST_FINAL);
    }

    ExitAction read(long gpa) {
        return vcpu.pageFault(gpa, Pferr.USER | Pferr.GUEST_FINAL);
    }

    ExitAction write(long gpa) {
        return vcpu.pageFault(gpa, Pferr.WRITE | Pferr.GUEST_FINAL);
    }

    long spte(long gpa) {
        return kvm.mmu().leafSpteForGfn(0, gpa >>> 12);
    }

    int level(long gpa) {
        return kvm.mmu().leafLevelForGfn(0, gpa >>> 12);
    }

    String lines() {
        return String.join("\n", kvm.log().lines(0));
    }
}
