package dev.memscope.emulator.api;

import java.util.List;

/**
 * One page fault, whole: the fields of {@code struct kvm_page_fault} (arch/x86/kvm/mmu/mmu_internal.h) grouped as
 * inputs, derived values and outputs, plus the decisions taken on the way and the RET_PF result. Immutable; made
 * from the live fault when a view asks for it.
 *
 * @param addr the faulting address: a gpa under TDP, a gva under shadow paging
 * @param gpa the guest-physical address (under shadow paging: the result of the guest walk, or -1)
 * @param pfnState how the pfn was found: {@code host}, {@code noslot}, {@code ro_fault}, {@code error}, ...
 * @param spte the leaf SPTE installed by the map step, or 0
 * @param phases the phases the fault went through, in order
 */
public record FaultRecord(long seq, int vcpu, String mmu,
        // inputs
        long addr, long errorCode, boolean prefetch, int asId,
        // derived
        boolean exec, boolean write, boolean present, boolean rsvd, boolean user, boolean isTdp,
        // levels
        int maxLevel, int reqLevel, int goalLevel,
        // outputs
        long gpa, long gfn, int slotId, int slotFlags, long pfn, String pfnState, long hva, boolean mapWritable,
        long mmuSeq, long spte,
        // decisions and result
        HugepageDecision hugepage, PrefetchDecision prefetchDecision, RetPf result, List<FaultPhase> phases) {

    public FaultRecord {
        phases = List.copyOf(phases);
    }
}
