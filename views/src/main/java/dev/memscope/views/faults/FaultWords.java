package dev.memscope.views.faults;

import dev.memscope.emulator.api.HugepageDecision;
import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.RetPf;

/** The words the stepper uses for the model's decisions: RET_PF values, pfn kinds, hugepage and prefetch reasons. */
public final class FaultWords {
    private FaultWords() {
    }

    /** PG_LEVEL_* as a page size. */
    public static String level(int level) {
        return switch (level) {
            case 1 -> "4K";
            case 2 -> "2M";
            case 3 -> "1G";
            default -> "level " + level;
        };
    }

    /** What a RET_PF value means for the vCPU. */
    public static String result(RetPf r) {
        if (r == null) {
            return "no result: the fault failed with an errno";
        }
        switch (r) {
            case RETRY:
                return "re-enter the guest; it faults again";
            case EMULATE:
                return "emulate the instruction: MMIO (in-kernel or KVM_EXIT_MMIO) or a write to read-only memory";
            case WRITE_PROTECTED:
                return "a write to a write-tracked gfn: unprotect and retry, or emulate";
            case INVALID:
                return "take the slow path";
            case FIXED:
                return "a mapping was installed; re-enter the guest";
            case SPURIOUS:
                return "already fixed: the spte allowed the access";
            default:
                return "go on with the next phase";
        }
    }

    /** How the pfn was found, from the model's pfn kind. */
    public static String pfnState(String state) {
        switch (state == null ? "" : state) {
            case "host":
                return "host page, found by hva_to_pfn() (GUP)";
            case "noslot":
                return "KVM_PFN_NOSLOT: no memslot, the MMIO path";
            case "ro_fault":
                return "KVM_PFN_ERR_RO_FAULT: a write to a read-only slot";
            case "allones_page":
                return "the kernel's one shared 0xff page (ALLONES slot)";
            case "zero_page":
                return "the host's zero page: a read of anonymous memory never written";
            case "pfn_only":
                return "a frame without struct page (memremap path)";
            case "err_hwpoison":
                return "KVM_PFN_ERR_HWPOISON: SIGBUS, retry";
            case "err_sigpending":
                return "KVM_PFN_ERR_SIGPENDING: -EINTR";
            case "err_fault":
                return "KVM_PFN_ERR_FAULT: no usable host mapping";
            default:
                return state == null ? "" : state;
        }
    }

    /** Why {@code kvm_mmu_hugepage_adjust()} chose the level. */
    public static String hugepage(HugepageDecision.Reason reason) {
        switch (reason) {
            case MAX_LEVEL_4K:
                return "fault->max_level was already 4K";
            case ERROR_OR_NOSLOT_PFN:
                return "an error or no-slot pfn is never mapped huge";
            case DIRTY_LOGGING:
                return "the slot is dirty-logged: 4K only";
            case DISALLOW_LPAGE:
                return "disallow_lpage is raised at the larger levels (unaligned slot, write-tracked gfn, hole slot)";
            case HOST_MAPPING_LEVEL:
                return "the host maps the hva with smaller pages (host_pfn_mapping_level)";
            case NX_HUGE_PAGE:
                return "NX huge-page workaround: an exec fault stays small";
            case HUGE_ALLOWED:
                return "everything allowed the largest level that fits";
            default:
                return reason.name();
        }
    }

    /** The prefetch policy in words. */
    public static String policy(PrefetchDecision.Policy p) {
        switch (p) {
            case KERNEL_WINDOW:
                return "kernel 8-entry window (PTE_PREFETCH_NUM)";
            case WHOLE_SLOT:
                return "ALLONES: the whole slot (RFC patch 4)";
            case BOUNDED_2M:
                return "ALLONES: bounded to 2 MiB (review)";
            case NONE:
                return "none";
            default:
                return p.name();
        }
    }

    /** Why the prefetch step did what it did. */
    public static String prefetchReason(PrefetchDecision.Reason r) {
        switch (r) {
            case DONE:
                return "the window was walked";
            case ABORTED_RUN:
                return "a run failed, which ends the prefetch";
            case TDP_MMU:
                return "the TDP MMU never prefetches";
            case NOT_FIXED:
                return "the map step did not return FIXED";
            case AD_DISABLED:
                return "the sp has A/D bits disabled";
            case HUGE_LEVEL:
                return "the leaf is above 4K";
            case INVALIDATION_IN_PROGRESS:
                return "an MMU-notifier invalidation is in progress";
            case MMIO:
                return "an MMIO fault: nothing is prefetched around it";
            case POLICY_NONE:
                return "the policy is none";
            default:
                return r.name().toLowerCase().replace('_', ' ');
        }
    }
}
