package dev.memscope.views.prefetch;

import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.PrefetchWindow;
import dev.memscope.views.common.Hex;

/** The prefetch policy and the outcome of one prefetch step, in sentences. */
final class PolicyText {
    private PolicyText() {
    }

    static String policy(PrefetchDecision.Policy p) {
        switch (p) {
            case KERNEL_WINDOW:
                return "kernel window, the 8 entries around the fault (PTE_PREFETCH_NUM)";
            case WHOLE_SLOT:
                return "ALLONES, the whole slot (RFC patch 4)";
            case BOUNDED_2M:
                return "ALLONES, bounded to 2 MiB (the review's proposal)";
            case NONE:
                return "none";
            default:
                return p.name();
        }
    }

    /** Why the window was not walked, or what the walk did, from the decision alone. */
    static String reason(PrefetchDecision d) {
        switch (d.reason()) {
            case TDP_MMU:
                return "The TDP MMU never prefetches: kvm_tdp_mmu_map() has no prefetch step. The legacy MMU "
                        + "(--mmu direct) would consider the 8 entries shown.";
            case POLICY_NONE:
                return "The prefetch policy is none: nothing is prefetched.";
            case NOT_FIXED:
                return "The map step did not return RET_PF_FIXED: no prefetch after it.";
            case AD_DISABLED:
                return "The sp has A/D bits disabled (role.ad_disabled): __direct_pte_prefetch() returns at once.";
            case HUGE_LEVEL:
                return "The leaf is above 4K: only last-level tables are prefetched.";
            case INVALIDATION_IN_PROGRESS:
                return "An MMU-notifier invalidation is in progress: no prefetch.";
            case MMIO:
                return "An MMIO fault: nothing is prefetched around it.";
            case ABORTED_RUN:
                return String.format("%d mapped; a run failed at gfn %s, which ends the prefetch.", d.mapped(),
                        Hex.of(d.stopGfn()));
            case DONE:
                return String.format("The window was walked: %d mapped.", d.mapped());
            default:
                return d.reason().name();
        }
    }

    /** From the decision only: {@code asked} when the machine was asked and had no per-candidate answer. */
    static String summary(PrefetchDecision d, boolean asked) {
        String s = reason(d);
        if (d.windowPages() > 0) {
            s += asked ? " This backend gives no per-candidate outcome." : " Reading each candidate\u2026";
        }
        return s;
    }

    /** From the per-candidate window. */
    static String summary(PrefetchWindow w, PrefetchDecision d) {
        if (w.candidates().isEmpty()) {
            return reason(d);
        }
        int candidates = 0;
        for (PrefetchWindow.Candidate c : w.candidates()) {
            if (c.outcome() != PrefetchWindow.Outcome.FAULTING_ENTRY) {
                candidates += c.pages();
            }
        }
        StringBuilder sb = new StringBuilder(String.format("Mapped %d of %d candidates", w.mapped(), candidates));
        if (w.stopGfn() >= 0) {
            PrefetchWindow.Candidate stop = w.candidates().stream().filter(c -> c.gfn() == w.stopGfn()).findFirst()
                    .orElse(null);
            sb.append(String.format("; the run at gfn %s failed (%s), which ends the prefetch", Hex.of(w.stopGfn()),
                    stop == null ? "see below" : OutcomeText.label(Shown.of(stop.outcome()))));
        }
        sb.append('.');
        if (w.tablesAllocated() > 0) {
            sb.append(String.format(" It allocated %d sps%s.", w.tablesAllocated(), w.mayExhaustCache()
                    ? ", more than the per-fault cache guarantees (the RFC's loop could hit the BUG_ON in "
                    + "mmu_memory_cache_alloc)" : ""));
        }
        return sb.toString();
    }
}
