package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.RetPf;

/**
 * The map step of direct MMUs: {@code kvm_tdp_mmu_map()} (tdp_mmu.c) and {@code direct_map()} (mmu.c; also the
 * nonpaging case of shadow paging). Walk from the root, allocate and link missing tables, split (TDP) or drop
 * (legacy) a huge SPTE in the way, install the leaf at the goal level.
 */
final class DirectMap {
    private DirectMap() {
    }

    static void map(KvmPageFault f) {
        KvmVcpu v = f.vcpu;
        Kvm kvm = v.kvm();
        // is_page_fault_stale(): an invalidation hit this gfn since faultin snapshotted mmu_seq
        if (f.slot != null && f.mmuSeq != kvm.mmuInvalidateSeq) {
            f.finish(RetPf.RETRY);
            return;
        }
        KvmMmuPage sp = walkToLevel(v, v.currentRoot(), f.gfn, f.goalLevel, Spte.ACC_ALL);
        int index = KvmMmuPage.spteIndex(f.gfn << 12, f.goalLevel);
        long baseGfn = f.gfn & -(1L << ((f.goalLevel - 1) * 9));
        RetPf r = MmuSetSpte.setLeaf(v, sp, index, f.slot, Spte.ACC_ALL, baseGfn, f.pfn, f.prefetch, f.mapWritable,
                f.write, f.hva);
        f.leafSp = sp;
        f.leafIndex = index;
        f.spte = sp.spte(index);
        if (r == RetPf.SPURIOUS) {
            f.finish(r); // direct_map(): no prefetch after a spurious fault
            return;
        }
        f.result = r;
        if (Prefetch.entersPhase(f)) {
            f.phase = FaultPhase.PREFETCH;
        } else {
            Prefetch.skipOnTdp(f); // kvm_tdp_mmu_page_fault() has no prefetch step
        }
    }

    /**
     * Walks from {@code root} towards {@code gfn} and returns the table at {@code level}, allocating and linking
     * the tables on the way; a huge leaf in the way is split in place (TDP MMU, {@code tdp_mmu_split_huge_page}) or
     * dropped (legacy, {@code drop_large_spte}).
     */
    static KvmMmuPage walkToLevel(KvmVcpu v, KvmMmuPage root, long gfn, int level, int access) {
        KvmMmu mmu = v.kvm().mmu();
        KvmMmuPage sp = root;
        while (sp.level() > level) {
            int lvl = sp.level();
            int idx = KvmMmuPage.spteIndex(gfn << 12, lvl);
            long spte = sp.spt[idx];
            if (Spte.isShadowPresentPte(spte) && !Spte.isLargePte(spte)) {
                sp = mmu.tableOf(Spte.spteToPfn(spte));
                continue;
            }
            long childGfn = gfn & -(1L << ((lvl - 1) * 9));
            int role = MmuPageRole.make(lvl - 1, true, access, true, true, sp.asId());
            KvmMmuPage child = mmu.allocPage(role, childGfn, childGfn << 12);
            if (Spte.isShadowPresentPte(spte) && v.kvm().config().mmuMode() == MmuMode.TDP) {
                splitHugePage(v, sp, idx, spte, child);
            } else {
                if (spte != 0) {
                    mmu.zapSpte(sp, idx);
                    mmu.flushIfPending(0);
                }
                mmu.linkChild(sp, idx, child);
            }
            sp = child;
        }
        return sp;
    }

    /** {@code tdp_mmu_split_huge_page()}: fill the child with smaller SPTEs covering the same range, then link it. */
    private static void splitHugePage(KvmVcpu v, KvmMmuPage sp, int idx, long huge, KvmMmuPage child) {
        KvmMmu mmu = v.kvm().mmu();
        int childLevel = child.level();
        long step = 1L << ((childLevel - 1) * 9);
        long base = huge & ~(SpteFormat.SPTE_BASE_ADDR_MASK | SpteFormat.PT_PAGE_SIZE_MASK);
        long pfn = Spte.spteToPfn(huge);
        for (int i = 0; i < 512; i++) {
            // make_small_spte / make_huge_page_split_spte(): same bits, smaller page
            long s = base | ((pfn + i * step) << 12) | (childLevel > 1 ? SpteFormat.PT_PAGE_SIZE_MASK : 0);
            mmu.mmuSpteSet(child, i, s);
        }
        mmu.linkChild(sp, idx, child);
        mmu.flushIfPending(0);
        v.kvm().log().record(EventKind.KVM_MMU_SPLIT_HUGE_PAGE, v.id(), child.gfn, huge, sp.level(), 0);
    }
}
