package dev.memscope.views.prefetch;

import javafx.scene.paint.Color;

/** Colour, short name and explanation of each candidate outcome, in the kernel's words. */
final class OutcomeText {
    private OutcomeText() {
    }

    static String label(Shown s) {
        return switch (s) {
            case PREFETCHED -> "prefetched";
            case FAULTING_ENTRY -> "the faulting entry";
            case ALREADY_PRESENT -> "already present";
            case NO_SLOT -> "no slot";
            case INVALID_SLOT -> "invalid slot";
            case DIRTY_LOGGED -> "dirty-logged slot";
            case READ_ONLY_SLOT -> "read-only slot";
            case HOLE_SLOT -> "hole slot";
            case CROSSES_SLOT_END -> "crosses slot end";
            case IN_FAILED_RUN -> "in the failed run";
            case HOST_PAGE_ABSENT -> "host page absent";
            case ABORTED_EARLIER_RUN -> "aborted earlier";
            case GUEST_PTE_STOP -> "guest PTE stop";
            case NOT_WALKED -> "not walked";
            case UNKNOWN -> "unknown";
        };
    }

    static String why(Shown s) {
        return switch (s) {
            case PREFETCHED -> "mapped by the prefetch without the Accessed bit (access-tracked)";
            case FAULTING_ENTRY -> "mapped by the fault itself; the window walk skips it";
            case ALREADY_PRESENT -> "already shadow-present: skipped, it ends a run";
            case NO_SLOT -> "gfn_to_memslot_dirty_bitmap() finds no memslot: the run fails";
            case INVALID_SLOT -> "the slot is being deleted or moved (KVM_MEMSLOT_INVALID): the run fails";
            case DIRTY_LOGGED -> "dirty logging is on and the sp allows writes: the run fails";
            case READ_ONLY_SLOT -> "the hva is looked up as a write: KVM_HVA_ERR_RO_BAD, the run fails";
            case HOLE_SLOT -> "ALLONES / PCI_HOLE slot: no hva to look up, the run fails";
            case CROSSES_SLOT_END -> "the run crosses the end of its slot: kvm_prefetch_pages() yields nothing";
            case IN_FAILED_RUN -> "one slot lookup per run: this gfn shares the failure of the run's first gfn";
            case HOST_PAGE_ABSENT -> "host page not present or not writable (get_user_pages_fast_only stops)";
            case ABORTED_EARLIER_RUN -> "not tried: an earlier run failed, which ends the prefetch";
            case GUEST_PTE_STOP -> "the guest PTE is not present, not accessed or reserved: the prefetch stops";
            case NOT_WALKED -> "not considered: the prefetch step did not walk the window";
            case UNKNOWN -> "this backend gives no per-candidate outcome";
        };
    }

    static Color colour(Shown s) {
        return Color.web(switch (s) {
            case PREFETCHED -> "#2e8b57";
            case FAULTING_ENTRY -> "#f2b705";
            case ALREADY_PRESENT -> "#5e81ac";
            case NO_SLOT -> "#8e44ad";
            case INVALID_SLOT -> "#7b241c";
            case DIRTY_LOGGED -> "#e67e22";
            case READ_ONLY_SLOT -> "#00838f";
            case HOLE_SLOT -> "#26c6da";
            case CROSSES_SLOT_END -> "#8d6e63";
            case IN_FAILED_RUN -> "#d9c7b0";
            case HOST_PAGE_ABSENT -> "#c0392b";
            case ABORTED_EARLIER_RUN -> "#cfd5dc";
            case GUEST_PTE_STOP -> "#6c7a89";
            case NOT_WALKED, UNKNOWN -> "#eceff4";
        });
    }
}
