package dev.memscope.emulator.api;

import java.util.List;

/**
 * The prefetch step of one fault, candidate by candidate: for each gfn of the window around the faulting SPTE,
 * whether it was prefetched and, if not, why. Complements {@link PrefetchDecision} (the summary a
 * {@link FaultRecord} carries) for the Prefetch pane. Mirrors {@code direct_pte_prefetch()},
 * {@code __direct_pte_prefetch()} and {@code direct_pte_prefetch_many()} ({@code kvm_mmu_prefetch_sptes()} in newer
 * kernels), {@code FNAME(pte_prefetch)} for shadow paging (arch/x86/kvm/mmu/mmu.c, paging_tmpl.h), and the ALLONES
 * loops of the RFC (whole slot) and of its review (bounded to 2 MiB).
 *
 * @param faultSeq the {@link FaultRecord#seq()} of the fault this window belongs to
 * @param faultGfn the faulting gfn (under shadow paging: the gfn the guest walk found)
 * @param policy the policy in force, as in {@link PrefetchDecision#policy()}
 * @param reason the outcome of the whole step, as in {@link PrefetchDecision#reason()}
 * @param mmu the MMU that handled the fault
 * @param level the level of the sp holding the faulting SPTE (1 = 4K leaves), 0 when no leaf was installed
 * @param tablePfn that sp's table pfn (SPTE pointers print as {@code tablePfn << 12 | index * 8}), or -1
 * @param faultIndex the index of the faulting SPTE in that sp, or -1
 * @param windowStartGfn first gfn of the window considered (kernel: the 8-entry window aligned down to 8)
 * @param windowPages gfns in the window (kernel: {@code PTE_PREFETCH_NUM} = 8; 0 when the window was not walked)
 * @param candidates runs of consecutive gfns with one outcome, in gfn order, together covering the window exactly;
 *        empty when the window was not walked (TDP MMU, policy none, not fixed, huge level, ...)
 * @param mapped SPTEs installed by the prefetch (the sum of the PREFETCHED runs' pages)
 * @param stopGfn the gfn where a failed run aborted the rest of the window, or -1
 * @param tablesAllocated sps the prefetch had to allocate (the kernel window never needs any)
 * @param mayExhaustCache more sps than the per-fault cache guarantees ({@code PT64_ROOT_MAX_LEVEL}): the RFC's
 *        unbounded loop could hit the {@code BUG_ON} in {@code mmu_memory_cache_alloc}
 */
public record PrefetchWindow(long faultSeq, long faultGfn, PrefetchDecision.Policy policy,
        PrefetchDecision.Reason reason, MmuMode mmu, int level, long tablePfn, int faultIndex, long windowStartGfn,
        int windowPages, List<Candidate> candidates, int mapped, long stopGfn, int tablesAllocated,
        boolean mayExhaustCache) {

    public PrefetchWindow {
        candidates = List.copyOf(candidates);
    }

    /**
     * A run of {@code pages} consecutive gfns from {@code gfn} with one outcome. The kernel window gives one
     * candidate per gfn; the ALLONES loops may merge long runs. A run of the kernel window that fails gives its first
     * gfn the failure (NO_SLOT, HOLE_SLOT, ...) and its other gfns {@link Outcome#IN_FAILED_RUN}; the gfns after it
     * get {@link Outcome#ABORTED_EARLIER_RUN}.
     *
     * @param slotId the memslot covering {@code gfn}, or -1 when none does
     * @param spte the SPTE of {@code gfn} after the prefetch step (0 when none)
     */
    public record Candidate(long gfn, int pages, Outcome outcome, int slotId, long spte) {
        public Candidate {
            if (pages < 1) {
                throw new IllegalArgumentException("a candidate run has at least one page, not " + pages);
            }
        }

        public long endGfn() {
            return gfn + pages;
        }
    }

    /** What happened to a candidate gfn, in the order the kernel's checks meet it. */
    public enum Outcome {
        /** Mapped by the prefetch, without the Accessed bit (access-tracked). */
        PREFETCHED,
        /** The faulting entry itself: mapped by the fault, skipped by the window walk. */
        FAULTING_ENTRY,
        /** Already shadow-present: skipped (ends a run of non-present entries). */
        ALREADY_PRESENT,
        /** {@code gfn_to_memslot_dirty_bitmap()} found no memslot: the run fails. */
        NO_SLOT,
        /** The slot is being deleted or moved ({@code KVM_MEMSLOT_INVALID}): the run fails. */
        INVALID_SLOT,
        /** The slot is dirty-logged and the sp allows writes: the run fails. */
        DIRTY_LOGGED,
        /** A read-only slot: the HVA lookup is made as a write ({@code KVM_HVA_ERR_RO_BAD}): the run fails. */
        READ_ONLY_SLOT,
        /** An ALLONES or PCI_HOLE slot: there is no HVA to look up: the run fails. */
        HOLE_SLOT,
        /** The run crosses the end of its slot: {@code kvm_prefetch_pages()} yields nothing: the run fails. */
        CROSSES_SLOT_END,
        /** In a run that failed at its first gfn: {@code direct_pte_prefetch_many()} looks the slot up once per run,
         *  so the whole run shares the first gfn's failure (which that gfn's candidate names). */
        IN_FAILED_RUN,
        /** The host page is not present or not writable ({@code get_user_pages_fast_only}); if no page of the run
         *  was present the run fails. */
        HOST_PAGE_ABSENT,
        /** Not tried: an earlier run of the window failed, which ends the prefetch. */
        ABORTED_EARLIER_RUN,
        /** Shadow paging: the guest PTE is not present, not accessed or has reserved bits: the prefetch stops. */
        GUEST_PTE_STOP
    }
}
