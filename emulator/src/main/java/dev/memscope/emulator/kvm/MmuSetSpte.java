package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.trace.Stat;

/**
 * Installing a leaf: {@code make_spte()} (arch/x86/kvm/mmu/spte.c), {@code mmu_set_spte()} (legacy and shadow) and
 * {@code tdp_mmu_map_handle_target_level()} (TDP MMU), with the {@code mark_mmio_spte} / {@code kvm_mmu_set_spte}
 * traces.
 */
final class MmuSetSpte {
    private MmuSetSpte() {
    }

    /** {@code make_spte()}. */
    static long makeSpte(Kvm kvm, KvmMmuPage sp, Memslot slot, int pteAccess, long gfn, long pfn, long oldSpte,
            boolean prefetch, boolean hostWritable, long hva) {
        SpteFormat f = kvm.mmu().f;
        int level = sp.level();
        long spte = SpteFormat.SPTE_MMU_PRESENT_MASK;
        kvm.mmu().makeSpteWrprot = false;
        spte |= f.presentMask;
        if (!prefetch) {
            spte |= f.accessedMask;
        }
        if (level > 1 && (pteAccess & Spte.ACC_EXEC_MASK) != 0 && kvm.config().nxHugePages()) {
            pteAccess &= ~Spte.ACC_EXEC_MASK;
        }
        spte |= (pteAccess & Spte.ACC_EXEC_MASK) != 0 ? f.xMask : f.nxMask;
        if ((pteAccess & Spte.ACC_USER_MASK) != 0) {
            spte |= f.userMask;
        }
        if (level > 1) {
            spte |= SpteFormat.PT_PAGE_SIZE_MASK;
        }
        if (f.ept) {
            // vmx_get_mt_mask(): WB + IPAT for RAM, UC for host MMIO (a pfn without struct page that is not RAM)
            spte |= kvm.host().isMmioPfn(pfn, hva) ? 0 : SpteFormat.EPT_MT_WB_IPAT;
        }
        if (hostWritable) {
            spte |= f.hostWritableMask;
        } else {
            pteAccess &= ~Spte.ACC_WRITE_MASK;
        }
        spte |= pfn << 12;
        if ((pteAccess & Spte.ACC_WRITE_MASK) != 0) {
            spte |= SpteFormat.PT_WRITABLE_MASK | f.mmuWritableMask;
            // mmu_try_to_unsync_pages(): a write-tracked gfn (a shadowed guest page table) stays read-only
            if (!Spte.isWritablePte(oldSpte) && kvm.mmu().isWriteTracked(gfn)) {
                kvm.mmu().makeSpteWrprot = true; // make_spte() returns wrprot
                pteAccess &= ~Spte.ACC_WRITE_MASK;
                spte &= ~(SpteFormat.PT_WRITABLE_MASK | f.mmuWritableMask);
            }
        }
        if ((pteAccess & Spte.ACC_WRITE_MASK) != 0) {
            spte |= f.dirtyMask;
        }
        // prefetch: mark_spte_for_access_track() is just "A clear" with A/D bits enabled
        if (Spte.isWritablePte(spte) && slot != null && slot.dirtyTrackEnabled()) {
            slot.markPageDirty(gfn);
        }
        return spte;
    }

    /**
     * Installs the leaf at {@code sp[index]} for {@code gfn}: an MMIO SPTE for a no-slot pfn, else {@code make_spte}.
     * Returns FIXED, SPURIOUS (nothing changed), EMULATE (MMIO SPTE) or WRITE_PROTECTED (write to a protected gfn).
     */
    static RetPf setLeaf(KvmVcpu v, KvmMmuPage sp, int index, Memslot slot, int pteAccess, long gfn, long pfn,
            boolean prefetch, boolean hostWritable, boolean writeFault, long hva) {
        Kvm kvm = v.kvm();
        KvmMmu mmu = kvm.mmu();
        int level = sp.level();
        long old = sp.spt[index];
        boolean tdp = kvm.config().mmuMode() == MmuMode.TDP;
        if (KvmPfn.isNoslotPfn(pfn)) {
            long mmio = Spte.makeMmioSpte(mmu.f, gfn, pteAccess, v.memslots().generation());
            if (Spte.isShadowPresentPte(old)) {
                mmu.zapSpte(sp, index);
            }
            mmu.mmuSpteSet(sp, index, mmio);
            mmu.flushIfPending(0);
            kvm.stats().inc(Stat.PF_MMIO_SPTE_CREATED);
            // mark_mmio_spte prints "spte & ACC_ALL": on EPT that is the W+X marker, 6
            kvm.log().record(EventKind.MARK_MMIO_SPTE, v.id(), sp.sptep(index), gfn, mmio & Spte.ACC_ALL,
                    Spte.getMmioSpteGeneration(mmio));
            return RetPf.EMULATE;
        }
        if (Spte.isShadowPresentPte(old)) {
            boolean oldLeaf = Spte.isLastSpte(old, level);
            if (!tdp && prefetch && oldLeaf && Spte.spteToPfn(old) == pfn) {
                return RetPf.SPURIOUS;
            }
            if (!oldLeaf) {
                mmu.zapSpte(sp, index); // a table pointer overwritten by a huge leaf: unlink the old table
                old = 0;
            } else if (!tdp && Spte.spteToPfn(old) != pfn) {
                mmu.zapSpte(sp, index); // drop_spte()
                old = 0;
            }
        }
        long spte = makeSpte(kvm, sp, slot, pteAccess, gfn, pfn, old, prefetch, hostWritable, hva);
        boolean wp = mmu.makeSpteWrprot;
        RetPf ret = RetPf.FIXED;
        if (spte == old) {
            ret = RetPf.SPURIOUS;
        } else {
            mmu.mmuSpteSet(sp, index, spte);
            int acc = 1 | (Spte.isWritablePte(spte) ? 2 : 0) | (Spte.isExecutablePte(mmu.f, spte) ? 4 : 0)
                    | (((spte & mmu.f.userMask) != 0 ? 2 : 1) << 3);
            kvm.log().record(EventKind.KVM_MMU_SET_SPTE, v.id(), gfn, spte, sp.sptep(index), level, acc);
        }
        if (wp && writeFault) {
            ret = RetPf.WRITE_PROTECTED;
        }
        mmu.flushIfPending(0);
        return ret;
    }
}
