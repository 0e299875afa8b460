package dev.memscope.emulator.api;

import java.util.List;

/**
 * Where the KVM model departs from the kernel, one sentence each, for the UI's help text (each is also stated in a
 * comment at the code it concerns).
 */
public final class ModelNotes {
    public static final List<String> SIMPLIFICATIONS = List.of(
            "One vCPU, one thread: the kernel's lockless races (cmpxchg losses, fast page fault retries, concurrent "
                    + "zaps) cannot happen; an INVALID memslot is visible only from a hook during a DELETE or MOVE.",
            "SPTE values follow DOMAIN.md's layout: the EPT suppress-#VE bit 63 that Linux 6.10+ sets in every "
                    + "EPT SPTE (SHADOW_NONPRESENT_VALUE) is left out, so non-present SPTEs are 0.",
            "A/D bits are always enabled: prefetched SPTEs simply have Accessed clear and no SPTE is access-tracked.",
            "The CPU's own Accessed/Dirty updates of SPTEs bypass KVM's SPTE door and record no event.",
            "Enabling dirty logging zaps huge leaves (the kernel splits them eagerly); disabling it does not "
                    + "recover huge pages.",
            "Shadow paging: 64-bit 4-level guest paging only; shadow SPTEs are always 4K; no shadow page is ever "
                    + "unsync (every guest page-table page stays write-protected and a guest write to one is "
                    + "emulated); indirect shadow pages are not shared between parents; guest page-table writes "
                    + "zap the derived SPTEs instead of updating them; SMAP ignores EFLAGS.AC; gfns are found by "
                    + "scanning the shadow tables instead of rmaps.",
            "Shadow invlpg simply zaps the leaf for the address.",
            "No MTRRs, no noncoherent DMA, no guest_memfd / private memory, no SEV/TDX, no L1TF mitigation bits "
                    + "in MMIO SPTEs, no ioeventfd (fast MMIO), no async page faults, no hwpoison.",
            "KVM_PRE_FAULT_MEMORY: the SNP/TDX 'not finalized' and 'VM dead' (-EIO) cases are not modelled.",
            "The RFC's and v2's exact placement of the hole-flag checks inside __kvm_set_memory_region follows "
                    + "DOMAIN.md's reading of the patches; the flags use Memscope's own bits 8 and 9.",
            "The instruction emulator reads and writes memslot RAM directly (copy_from/to_user in the kernel); "
                    + "kvm_vcpu_map is used for guest PTE A/D updates.",
            "memremap() of frames that are not e820 RAM fails in the model, giving kvm_vcpu_map's -EFAULT path.",
            "KVM_GET_DIRTY_LOG's -ENXIO (dirty ring in use) does not exist: there is no dirty ring.",
            "The per-fault MMU page cache is not modelled; the ALLONES whole-slot prefetch reports when it would "
                    + "need more pages than the cache guarantees.");

    private ModelNotes() {
    }
}
