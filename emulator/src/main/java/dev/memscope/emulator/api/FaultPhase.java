package dev.memscope.emulator.api;

/**
 * The phases of one page fault, in the order the kernel runs them ({@code kvm_mmu_page_fault} and
 * {@code kvm_tdp_mmu_page_fault} / {@code direct_page_fault} / {@code FNAME(page_fault)}, arch/x86/kvm/mmu/). A
 * debugger may stop between any two. Phases that do not apply to a fault are skipped (never entered).
 */
public enum FaultPhase {
    /** Error code decoded into the derived fields of {@code struct kvm_page_fault}. */
    DECODE("error-code decode"),
    /** RSVD set: {@code handle_mmio_page_fault} (vCPU MMIO cache, MMIO SPTE and its generation). */
    MMIO_CHECK("MMIO-SPTE check"),
    /** Shadow paging only: {@code FNAME(walk_addr)} over the guest page tables. */
    GUEST_WALK("guest walk"),
    /** {@code page_fault_handle_page_track}: a write to a write-tracked gfn. */
    PAGE_TRACK("page-track check"),
    /** {@code fast_page_fault}: lockless fix of a present SPTE. */
    FAST_PAGE_FAULT("fast page fault"),
    /** {@code kvm_mmu_faultin_pfn}: memslot lookup and host pfn. */
    FAULTIN_PFN("faultin_pfn"),
    /** {@code kvm_mmu_hugepage_adjust}: the level of the mapping. */
    HUGEPAGE_ADJUST("hugepage adjust"),
    /** {@code kvm_tdp_mmu_map} / {@code direct_map} / {@code FNAME(fetch)}: walk, link tables, install the leaf. */
    MAP("map"),
    /** {@code direct_pte_prefetch} / {@code FNAME(pte_prefetch)} (never on the TDP MMU). */
    PREFETCH("prefetch"),
    /** The fault is over; {@code result} holds its RET_PF value. */
    DONE("done");

    private final String label;

    FaultPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
