package dev.memscope.views.prefetch;

import dev.memscope.emulator.api.PrefetchWindow.Outcome;

/**
 * What a candidate row shows: the model's outcome, or one of two states the pane derives itself when the model gave
 * no per-candidate outcome.
 */
public enum Shown {
    PREFETCHED, FAULTING_ENTRY, ALREADY_PRESENT, NO_SLOT, INVALID_SLOT, DIRTY_LOGGED, READ_ONLY_SLOT, HOLE_SLOT,
    CROSSES_SLOT_END, IN_FAILED_RUN, HOST_PAGE_ABSENT, ABORTED_EARLIER_RUN, GUEST_PTE_STOP,
    /** The window was not walked at all (TDP MMU, policy none, ...): the gfns the kernel window would consider. */
    NOT_WALKED,
    /** The backend gives the window's bounds but no per-candidate outcome. */
    UNKNOWN;

    static Shown of(Outcome o) {
        return valueOf(o.name());
    }
}
