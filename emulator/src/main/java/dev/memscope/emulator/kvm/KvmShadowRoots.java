package dev.memscope.emulator.kvm;

/**
 * The shadow MMU's current roots, one per address space ({@code vcpu->arch.mmu->root}): the indirect page that
 * shadows the guest's top-level table at CR3, looked up again when CR3 or the paging mode changes
 * ({@code kvm_mmu_new_pgd}, {@code kvm_mmu_reset_context}).
 */
final class KvmShadowRoots {
    private final KvmMmuPage[] roots = new KvmMmuPage[Kvm.ADDRESS_SPACES];

    KvmMmuPage rootFor(KvmVcpu v, KvmMmu mmu) {
        GuestPagingState ps = v.paging();
        int as = v.asId();
        long physMask = ((1L << v.kvm().config().maxPhyAddrBits()) - 1) & ~0xFFFL;
        long gfn = (ps.cr3() & physMask) >>> 12;
        int role = MmuPageRole.make(4, false, Spte.ACC_ALL, ps.eferNx(), ps.cr0Wp(), as);
        KvmMmuPage r = roots[as];
        if (r != null && r.gfn == gfn && r.role == role && mmu.tableOf(r.tablePfn) == r) {
            return r;
        }
        r = mmu.findShadowRoot(gfn, role);
        if (r == null) {
            r = mmu.allocPage(role, gfn, 0);
        }
        r.rootCount++;
        roots[as] = r;
        return r;
    }

    void clear() {
        java.util.Arrays.fill(roots, null);
    }
}
