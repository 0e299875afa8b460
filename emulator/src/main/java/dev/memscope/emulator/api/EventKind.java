package dev.memscope.emulator.api;

import java.util.List;

/**
 * Every kind of event the model records. Kernel kinds print exactly as the {@code TP_printk} of the tracepoint they
 * mirror (arch/x86/kvm/mmu/mmutrace.h, arch/x86/kvm/trace.h, include/trace/events/kvm.h); Memscope's own kinds
 * (system {@code memscope}) print in the same style. Arguments are six longs whose meaning is listed in
 * {@link #fields()}; the vCPU travels in the event header.
 *
 * <p>Pointers ({@code sptep}) are printed as the pseudo physical address of the SPTE: table pfn shifted by 12 plus
 * index times 8, as {@code kvm_mmu_set_spte} prints {@code virt_to_phys(sptep)}. {@code %p} fields are printed the
 * same way (the kernel would print a hashed pointer).
 *
 * <p>{@link #KVM_TDP_MMU_SPTE_CHANGED} is recorded by the model's one SPTE door in every MMU mode (the kernel has it
 * only in the TDP MMU): under the legacy and shadow MMUs it is Memscope's addition, in the kernel's format.
 *
 * @see EventFormat for the formatting helpers
 */
public enum EventKind {
    // ---- include/trace/events/kvm.h, arch/x86/kvm/trace.h -------------------------------------------------------
    KVM_ENTRY("kvm", "kvm_entry", 0, "rip"),
    KVM_EXIT("kvm", "kvm_exit", 400, "exit_reason", "guest_rip", "info1", "info2", "intr_info", "error_code"),
    KVM_USERSPACE_EXIT("kvm", "kvm_userspace_exit", 5000, "reason", "errno"),
    KVM_PAGE_FAULT("kvm", "kvm_page_fault", 200, "rip", "fault_address", "error_code"),
    KVM_MMIO("kvm", "kvm_mmio", 400, "type", "len", "gpa", "val"),
    KVM_FAST_MMIO("kvm", "kvm_fast_mmio", 100, "gpa"),
    KVM_PIO("kvm", "kvm_pio", 600, "rw", "port", "size", "count", "val"),
    KVM_INJ_EXCEPTION("kvm", "kvm_inj_exception", 200, "exception", "has_error", "error_code"),
    // ---- arch/x86/kvm/mmu/mmutrace.h -------------------------------------------------------------------------------
    KVM_MMU_PAGETABLE_WALK("kvmmmu", "kvm_mmu_pagetable_walk", 50, "addr", "pferr"),
    KVM_MMU_PAGING_ELEMENT("kvmmmu", "kvm_mmu_paging_element", 10, "pte", "level"),
    KVM_MMU_SET_ACCESSED_BIT("kvmmmu", "kvm_mmu_set_accessed_bit", 20, "gpa"),
    KVM_MMU_SET_DIRTY_BIT("kvmmmu", "kvm_mmu_set_dirty_bit", 20, "gpa"),
    KVM_MMU_WALKER_ERROR("kvmmmu", "kvm_mmu_walker_error", 10, "pferr"),
    KVM_MMU_GET_PAGE("kvmmmu", "kvm_mmu_get_page", 200, "mmu_valid_gen", "gfn", "role", "root_count", "unsync",
            "created"),
    KVM_MMU_PREPARE_ZAP_PAGE("kvmmmu", "kvm_mmu_prepare_zap_page", 100, "mmu_valid_gen", "gfn", "role",
            "root_count", "unsync"),
    MARK_MMIO_SPTE("kvmmmu", "mark_mmio_spte", 50, "sptep", "gfn", "access", "gen"),
    HANDLE_MMIO_PAGE_FAULT("kvmmmu", "handle_mmio_page_fault", 50, "addr", "gfn", "access"),
    FAST_PAGE_FAULT("kvmmmu", "fast_page_fault", 50, "cr2_or_gpa", "error_code", "sptep", "old_spte", "new_spte",
            "ret"),
    CHECK_MMIO_SPTE("kvmmmu", "check_mmio_spte", 10, "spte", "kvm_gen", "spte_gen"),
    KVM_MMU_SET_SPTE("kvmmmu", "kvm_mmu_set_spte", 100, "gfn", "spte", "sptep", "level", "flags"),
    KVM_MMU_SPTE_REQUESTED("kvmmmu", "kvm_mmu_spte_requested", 10, "gfn", "pfn", "level"),
    KVM_TDP_MMU_SPTE_CHANGED("kvmmmu", "kvm_tdp_mmu_spte_changed", 20, "as_id", "gfn", "level", "old_spte",
            "new_spte"),
    KVM_MMU_SPLIT_HUGE_PAGE("kvmmmu", "kvm_mmu_split_huge_page", 500, "gfn", "spte", "level", "errno"),
    // ---- Memscope's own ----------------------------------------------------------------------------------------------
    MEMSLOT_COMMIT("memscope", "memslot_commit", 2000, "slot", "change", "generation", "base_gfn", "npages",
            "flags"),
    FAULT_PHASE("memscope", "fault_phase", 0, "addr", "phase", "ret", "gfn"),
    HUGEPAGE_ADJUST("memscope", "hugepage_adjust", 10, "gfn", "max_level", "req_level", "goal_level", "reason"),
    PREFETCH_DECISION("memscope", "prefetch_decision", 20, "gfn", "window_start", "window_pages", "mapped",
            "policy", "reason"),
    HOLE_ACCESS("memscope", "hole_access", 0, "gpa", "len", "write", "kind", "handled_in", "val"),
    HOST_PAGE_ALLOC("memscope", "host_page_alloc", 1000, "hva", "pfn", "bytes", "kind"),
    VCPU_MAP("memscope", "kvm_vcpu_map", 100, "gfn", "pfn", "hva", "path", "writable"),
    VCPU_UNMAP("memscope", "kvm_vcpu_unmap", 50, "gfn", "pfn", "dirty", "path"),
    PRE_FAULT_MEMORY("memscope", "pre_fault_memory", 200, "gpa", "size", "ret", "gpa_after", "size_after"),
    DIRTY_LOG("memscope", "get_dirty_log", 1000, "slot", "dirty", "npages"),
    TLB_FLUSH("memscope", "kvm_flush_remote_tlbs", 500, "reason");

    private final String system;
    private final String tracepoint;
    private final long defaultCostNanos;
    private final List<String> fields;

    EventKind(String system, String tracepoint, long defaultCostNanos, String... fields) {
        this.system = system;
        this.tracepoint = tracepoint;
        this.defaultCostNanos = defaultCostNanos;
        this.fields = List.of(fields);
    }

    /** {@code kvm}, {@code kvmmmu} or {@code memscope}. */
    public String system() {
        return system;
    }

    /** The tracepoint's name, such as {@code kvm_mmu_set_spte}. */
    public String tracepoint() {
        return tracepoint;
    }

    /** Names of the arguments a0..a5, in order. */
    public List<String> fields() {
        return fields;
    }

    /** The modelled cost of the work this event stands for (DESIGN.md "Cost model"); a CostModel may override it. */
    public long defaultCostNanos() {
        return defaultCostNanos;
    }

    /** Whether the kernel has this tracepoint (false: a Memscope event in the same style). */
    public boolean isKernelTracepoint() {
        return !system.equals("memscope");
    }

    /** The one-line text of an event of this kind. */
    public String format(TraceEvent e) {
        return EventFormat.format(e);
    }
}
