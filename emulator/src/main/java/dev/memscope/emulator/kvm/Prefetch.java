package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.PrefetchWindow;
import dev.memscope.emulator.api.PrefetchDecision.Policy;
import dev.memscope.emulator.api.PrefetchDecision.Reason;
import dev.memscope.emulator.api.RetPf;

/**
 * The prefetch step after the map: {@code direct_pte_prefetch()}, {@code __direct_pte_prefetch()},
 * {@code direct_pte_prefetch_many()} and {@code FNAME(pte_prefetch)} (arch/x86/kvm/mmu/), and the ALLONES policies
 * of the RFC (patch 4: map the whole slot on the first read fault) and of its review (bound it to 2 MiB). The kernel
 * window is decided entry by entry while walking it, as the kernel does; each run's outcome is recorded.
 */
final class Prefetch {
    /** {@code PTE_PREFETCH_NUM}. */
    static final int PTE_PREFETCH_NUM = 8;
    /** Pages {@code mmu_topup_memory_caches()} guarantees for shadow pages ({@code PT64_ROOT_MAX_LEVEL}). */
    static final int GUARANTEED_CACHE_PAGES = 5;

    private Prefetch() {
    }

    /**
     * Whether the PREFETCH phase runs: always on the legacy MMUs; on the TDP MMU only for the ALLONES policies that
     * loop over the slot in the fault path (RFC patch 4 and the review's bound), since the TDP MMU never prefetches.
     */
    static boolean entersPhase(KvmPageFault f) {
        Kvm kvm = f.vcpu.kvm();
        if (kvm.config().mmuMode() != MmuMode.TDP) {
            return true;
        }
        Policy p = kvm.config().allonesPrefetch();
        return f.slot != null && f.slot.isAllones() && (p == Policy.WHOLE_SLOT || p == Policy.BOUNDED_2M);
    }

    /** The TDP MMU finishes after the map step; the decision records why nothing was prefetched. */
    static void skipOnTdp(KvmPageFault f) {
        RetPf mapResult = f.result;
        // The decision (and its empty window) is made when someone asks: KvmPageFault.prefetchDecision().
        f.prefetchSkippedOnTdp = true;
        f.vcpu.kvm().log().record(EventKind.PREFETCH_DECISION, f.vcpu.id(), f.gfn, f.gfn, 0, 0,
                Policy.KERNEL_WINDOW.ordinal(), Reason.TDP_MMU.ordinal());
        f.finish(mapResult);
    }

    static void run(KvmPageFault f) {
        RetPf mapResult = f.result;
        PrefetchDecision d = decideAndApply(f);
        f.prefetchDecision = d;
        f.prefetchWindow = PrefetchWindowBuilder.window(f, d, f.windowRuns != null ? f.windowRuns
                : f.windowBuilder != null ? f.windowBuilder.candidates(f.vcpu) : java.util.List.of());
        f.windowBuilder = null;
        f.windowRuns = null;
        f.vcpu.kvm().log().record(EventKind.PREFETCH_DECISION, f.vcpu.id(), d.faultGfn(), d.windowStartGfn(),
                d.windowPages(), d.mapped(), d.policy().ordinal(), d.reason().ordinal());
        f.finish(mapResult);
    }

    private static PrefetchDecision decideAndApply(KvmPageFault f) {
        Kvm kvm = f.vcpu.kvm();
        MmuMode mode = kvm.config().mmuMode();
        Memslot slot = f.slot;
        boolean directTables = mode.isTdp() || !f.vcpu.paging().paging();
        if (slot != null && slot.isAllones() && directTables) {
            Policy p = kvm.config().allonesPrefetch();
            if (p == Policy.NONE) {
                return none(f, p, Reason.POLICY_NONE);
            }
            if (p == Policy.WHOLE_SLOT || p == Policy.BOUNDED_2M) {
                return allonesLoop(f, slot, p);
            }
        }
        if (mode == MmuMode.TDP) {
            return none(f, Policy.KERNEL_WINDOW, Reason.TDP_MMU);
        }
        KvmMmuPage sp = f.leafSp;
        if (MmuPageRole.adDisabled(sp.role)) {
            return none(f, Policy.KERNEL_WINDOW, Reason.AD_DISABLED);
        }
        if (sp.level() > 1) {
            return none(f, Policy.KERNEL_WINDOW, Reason.HUGE_LEVEL);
        }
        if (kvm.mmuInvalidateInProgress > 0) {
            return none(f, Policy.KERNEL_WINDOW, Reason.INVALIDATION_IN_PROGRESS);
        }
        return sp.direct() ? directWindow(f, sp) : ShadowPaths.pteWindow(f, sp);
    }

    static PrefetchDecision none(KvmPageFault f, Policy p, Reason r) {
        return new PrefetchDecision(p, r, f.gfn, f.gfn, 0, 0, -1, 0, false);
    }

    /** {@code __direct_pte_prefetch()}: runs of non-present entries in the aligned 8-entry window. */
    private static PrefetchDecision directWindow(KvmPageFault f, KvmMmuPage sp) {
        int first = f.leafIndex & ~(PTE_PREFETCH_NUM - 1);
        PrefetchWindowBuilder w = new PrefetchWindowBuilder(sp, first, PTE_PREFETCH_NUM);
        f.windowBuilder = w;
        int start = -1;
        int[] mapped = {0};
        for (int i = first; i < first + PTE_PREFETCH_NUM; i++) {
            long spte = sp.spt[i];
            if (Spte.isShadowPresentPte(spte) || i == f.leafIndex) {
                w.set(i, i == f.leafIndex ? PrefetchWindow.Outcome.FAULTING_ENTRY
                        : PrefetchWindow.Outcome.ALREADY_PRESENT);
                if (start < 0) {
                    continue;
                }
                PrefetchWindow.Outcome failed = prefetchMany(f, sp, start, i, mapped, w);
                if (failed != null) {
                    w.runFailed(start, i, failed);
                    return new PrefetchDecision(Policy.KERNEL_WINDOW, Reason.ABORTED_RUN, f.gfn, sp.getGfn(first),
                            PTE_PREFETCH_NUM, mapped[0], sp.getGfn(start), 0, false);
                }
                start = -1;
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            PrefetchWindow.Outcome failed = prefetchMany(f, sp, start, first + PTE_PREFETCH_NUM, mapped, w);
            if (failed != null) {
                w.runFailed(start, first + PTE_PREFETCH_NUM, failed);
                return new PrefetchDecision(Policy.KERNEL_WINDOW, Reason.ABORTED_RUN, f.gfn, sp.getGfn(first),
                        PTE_PREFETCH_NUM, mapped[0], sp.getGfn(start), 0, false);
            }
        }
        return new PrefetchDecision(Policy.KERNEL_WINDOW, Reason.DONE, f.gfn, sp.getGfn(first), PTE_PREFETCH_NUM,
                mapped[0], -1, 0, false);
    }

    /**
     * {@code direct_pte_prefetch_many()}: one slot lookup for the run ({@code gfn_to_memslot_dirty_bitmap}: no slot,
     * an INVALID or a dirty-logged slot fails), the HVA lookup as a write (read-only and hole slots fail), the whole
     * run inside the slot, then only host pages already present and writable ({@code get_user_pages_fast_only}).
     * Returns null when the run mapped something, else why it failed.
     */
    private static PrefetchWindow.Outcome prefetchMany(KvmPageFault f, KvmMmuPage sp, int start, int end,
            int[] mapped, PrefetchWindowBuilder w) {
        KvmVcpu v = f.vcpu;
        int access = MmuPageRole.access(sp.role);
        long gfn = sp.getGfn(start);
        Memslot slot = v.memslots().gfnToMemslot(gfn);
        if (slot == null) {
            return PrefetchWindow.Outcome.NO_SLOT;
        }
        if (slot.isInvalid()) {
            return PrefetchWindow.Outcome.INVALID_SLOT;
        }
        if ((access & Spte.ACC_WRITE_MASK) != 0 && slot.dirtyTrackEnabled()) {
            return PrefetchWindow.Outcome.DIRTY_LOGGED;
        }
        if (slot.isReadonly()) {
            return PrefetchWindow.Outcome.READ_ONLY_SLOT; // __gfn_to_hva_many(write): KVM_HVA_ERR_RO_BAD
        }
        if (slot.isAllones() || slot.isPciHole()) {
            return PrefetchWindow.Outcome.HOLE_SLOT; // no HVA at all
        }
        int n = end - start;
        if (slot.endGfn() - gfn < n) {
            return PrefetchWindow.Outcome.CROSSES_SLOT_END; // kvm_prefetch_pages()
        }
        HostMemory host = v.kvm().host();
        long hva = slot.gfnToHvaMemslot(gfn);
        int got = 0;
        long[] pfns = new long[n];
        for (; got < n; got++) {
            long pfn = host.hvaToPfn(hva + ((long) got << 12), true, false);
            if (pfn == 0 || KvmPfn.isErrorPfn(pfn)) {
                break;
            }
            pfns[got] = pfn;
        }
        if (got == 0) {
            return PrefetchWindow.Outcome.HOST_PAGE_ABSENT;
        }
        for (int i = 0; i < got; i++) {
            MmuSetSpte.setLeaf(v, sp, start + i, slot, access, gfn + i, pfns[i], true, true, false,
                    hva + ((long) i << 12));
            mapped[0]++;
            w.set(start + i, PrefetchWindow.Outcome.PREFETCHED);
        }
        for (int i = got; i < n; i++) {
            w.set(start + i, PrefetchWindow.Outcome.HOST_PAGE_ABSENT);
        }
        return null;
    }

    /** RFC patch 4 (whole slot) and the review's bound (one 2 MiB region): map every gfn to the shared 0xff page. */
    private static PrefetchDecision allonesLoop(KvmPageFault f, Memslot slot, Policy p) {
        if (f.write || f.result != RetPf.FIXED) {
            return none(f, p, Reason.NOT_FIXED);
        }
        long lo = slot.baseGfn;
        long hi = slot.endGfn();
        if (p == Policy.BOUNDED_2M) {
            lo = Math.max(lo, f.gfn & ~511L);
            hi = Math.min(hi, (f.gfn & ~511L) + 512);
        }
        KvmVcpu v = f.vcpu;
        KvmMmu mmu = v.kvm().mmu();
        KvmMmuPage root = v.currentRoot();
        int before = mmu.usedPages();
        int mapped = 0;
        boolean[] presentBefore = new boolean[(int) (hi - lo)];
        for (long gfn = lo; gfn < hi; gfn++) {
            if (gfn == f.gfn) {
                continue;
            }
            KvmMmuPage sp = DirectMap.walkToLevel(v, root, gfn, 1, Spte.ACC_ALL);
            int idx = (int) (gfn & 511);
            if (Spte.isShadowPresentPte(sp.spt[idx])) {
                presentBefore[(int) (gfn - lo)] = true;
                continue;
            }
            MmuSetSpte.setLeaf(v, sp, idx, slot, Spte.ACC_ALL, gfn, KvmPfn.ALLONES_PAGE, true, false, false, 0);
            mapped++;
        }
        int tables = mmu.usedPages() - before;
        f.windowRuns = PrefetchWindowBuilder.allonesRuns(f, slot, lo, hi, presentBefore);
        return new PrefetchDecision(p, Reason.DONE, f.gfn, lo, (int) (hi - lo), mapped, -1, tables,
                tables > GUARANTEED_CACHE_PAGES);
    }
}
