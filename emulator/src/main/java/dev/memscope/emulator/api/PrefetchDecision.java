package dev.memscope.emulator.api;

/**
 * What the prefetch step decided after one fault, and why ({@code direct_pte_prefetch},
 * {@code __direct_pte_prefetch}, {@code direct_pte_prefetch_many}, arch/x86/kvm/mmu/mmu.c; and the ALLONES policies
 * of the RFC and its review). A pure function of the fault and the state of the table; shown as it is.
 *
 * @param windowStartGfn first gfn of the window considered (for the kernel policy: the 8-entry aligned window)
 * @param windowPages pages in the window
 * @param mapped SPTEs installed by the prefetch
 * @param stopGfn the gfn where a run failed and aborted the rest, or -1
 * @param tablesAllocated SPTE tables the prefetch had to allocate (the kernel window never needs any)
 * @param mayExhaustCache more tables than the per-fault cache guarantees ({@code PT64_ROOT_MAX_LEVEL} = 5 pages
 *        topped up before the fault): the RFC's unbounded loop could hit the {@code BUG_ON} in
 *        {@code mmu_memory_cache_alloc}
 */
public record PrefetchDecision(Policy policy, Reason reason, long faultGfn, long windowStartGfn, int windowPages,
        int mapped, long stopGfn, int tablesAllocated, boolean mayExhaustCache) {

    /** The prefetch policy in force for the slot kind. */
    public enum Policy {
        /** The kernel's aligned window of {@code PTE_PREFETCH_NUM} = 8 entries. */
        KERNEL_WINDOW,
        /** RFC patch 4 for ALLONES: map every gfn of the slot on the first read fault. */
        WHOLE_SLOT,
        /** The review's proposal: bound the ALLONES loop to 2 MiB (one last-level table). */
        BOUNDED_2M,
        /** No prefetch at all. */
        NONE
    }

    public enum Reason {
        /** The window was walked; {@code mapped} SPTEs were installed (maybe 0: all present). */
        DONE,
        /** A run failed (no slot, invalid slot, dirty-logged, read-only, crossing the slot end, host page absent). */
        ABORTED_RUN,
        /** The TDP MMU never prefetches. */
        TDP_MMU,
        /** The map step returned SPURIOUS (or anything but FIXED). */
        NOT_FIXED,
        /** The table has A/D bits disabled ({@code sp->role.ad_disabled}). */
        AD_DISABLED,
        /** The leaf is above 4K. */
        HUGE_LEVEL,
        /** An MMU-notifier invalidation is in progress. */
        INVALIDATION_IN_PROGRESS,
        /** The fault was MMIO / no slot: nothing is prefetched around it. */
        MMIO,
        /** The policy is NONE. */
        POLICY_NONE
    }
}
