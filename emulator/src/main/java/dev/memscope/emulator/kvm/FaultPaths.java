package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.trace.Stat;

/**
 * The phases of the fault path and how one leads to the next: {@code kvm_mmu_page_fault} (the MMIO check),
 * {@code kvm_tdp_mmu_page_fault} and {@code direct_page_fault} (TDP and legacy direct), {@code FNAME(page_fault)}
 * (shadow), all in arch/x86/kvm/mmu/. Each phase lives in its own class; this one dispatches.
 */
final class FaultPaths {
    private FaultPaths() {
    }

    static void run(KvmPageFault f) {
        switch (f.phase) {
            case DECODE -> decode(f);
            case MMIO_CHECK -> mmioCheck(f);
            case GUEST_WALK -> ShadowPaths.guestWalk(f);
            case PAGE_TRACK -> pageTrack(f);
            case FAST_PAGE_FAULT -> FastPageFault.run(f);
            case FAULTIN_PFN -> Faultin.run(f);
            case HUGEPAGE_ADJUST -> HugepageAdjust.run(f);
            case MAP -> {
                if (f.isTdp || !f.vcpu.paging().paging()) {
                    DirectMap.map(f);
                } else {
                    ShadowPaths.fetch(f);
                }
            }
            case PREFETCH -> Prefetch.run(f);
            case DONE -> {
            }
        }
    }

    /** {@code kvm_mmu_do_page_fault()}: the derived fields are set at construction; TDP knows its gfn and slot now. */
    private static void decode(KvmPageFault f) {
        if (f.isTdp) {
            f.gpa = f.addr;
            f.gfn = f.addr >>> 12;
            f.slot = f.vcpu.memslots().gfnToMemslot(f.gfn);
        }
        if (f.rsvd) {
            f.phase = FaultPhase.MMIO_CHECK;
        } else {
            afterMmioCheck(f);
        }
    }

    private static void afterMmioCheck(KvmPageFault f) {
        if (!f.prefetch) {
            f.vcpu.kvm().stats().inc(Stat.PF_TAKEN); // kvm_mmu_page_fault(), before kvm_mmu_do_page_fault()
        }
        if (f.isTdp) {
            f.phase = FaultPhase.PAGE_TRACK;
        } else if (f.vcpu.paging().paging()) {
            f.phase = FaultPhase.GUEST_WALK;
        } else {
            // nonpaging_page_fault(): gva == gpa, direct shadow pages
            f.gpa = f.addr;
            f.gfn = f.addr >>> 12;
            f.slot = f.vcpu.memslots().gfnToMemslot(f.gfn);
            f.phase = FaultPhase.PAGE_TRACK;
        }
    }

    /**
     * {@code handle_mmio_page_fault()}: the vCPU's MMIO cache, then the MMIO SPTE and its generation; a stale
     * generation goes down the full path ({@code RET_PF_INVALID}), a non-MMIO SPTE means someone zapped it: RETRY.
     */
    private static void mmioCheck(KvmPageFault f) {
        KvmVcpu v = f.vcpu;
        boolean direct = f.isTdp || !v.paging().paging();
        if (v.mmioInfoInCache(f.addr, direct)) {
            f.gfn = v.mmioGfn;
            f.finish(RetPf.EMULATE);
            return;
        }
        SpteWalk w = v.walk;
        KvmMmuPage root = v.currentRoot();
        w.walk(v.kvm().mmu(), root, f.addr, 1);
        SpteFormat fmt = v.kvm().mmu().format();
        if (Spte.isMmioSpte(fmt, w.spte)) {
            long gfn = Spte.getMmioSpteGfn(w.spte);
            int access = Spte.getMmioSpteAccess(fmt, w.spte);
            f.gfn = gfn;
            // check_mmio_spte()
            long kvmGen = v.memslots().generation();
            long spteGen = Spte.getMmioSpteGeneration(w.spte);
            v.kvm().log().record(EventKind.CHECK_MMIO_SPTE, v.id(), w.spte, kvmGen & SpteFormat.MMIO_SPTE_GEN_MASK,
                    spteGen);
            if ((kvmGen & Memslots.GEN_UPDATE_IN_PROGRESS) != 0
                    || (kvmGen & SpteFormat.MMIO_SPTE_GEN_MASK) != spteGen) {
                afterMmioCheck(f); // RET_PF_INVALID: the full path rebuilds it
                return;
            }
            long traceAddr = direct ? 0 : f.addr;
            v.kvm().log().record(EventKind.HANDLE_MMIO_PAGE_FAULT, v.id(), traceAddr, gfn, access);
            v.cacheMmioInfo(traceAddr, gfn, access);
            f.finish(RetPf.EMULATE);
            return;
        }
        f.finish(RetPf.RETRY);
    }

    /** {@code page_fault_handle_page_track()}: a present write to a write-tracked gfn cannot be fixed here. */
    private static void pageTrack(KvmPageFault f) {
        if (!f.rsvd && f.present && f.write && f.vcpu.kvm().mmu().isWriteTracked(f.gfn)) {
            f.finish(RetPf.WRITE_PROTECTED);
            return;
        }
        f.phase = f.isTdp ? FaultPhase.FAST_PAGE_FAULT : FaultPhase.FAULTIN_PFN;
    }
}
