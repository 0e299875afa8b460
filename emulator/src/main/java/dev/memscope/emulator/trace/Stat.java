package dev.memscope.emulator.trace;

/**
 * KVM statistics the model counts, under the kernel's names ({@code struct kvm_vcpu_stat} and
 * {@code struct kvm_vm_stat}, arch/x86/include/asm/kvm_host.h; read with kvm_stat or the binary stats fd).
 */
public enum Stat {
    // vCPU stats
    PF_TAKEN("pf_taken"),
    PF_FIXED("pf_fixed"),
    PF_EMULATE("pf_emulate"),
    PF_SPURIOUS("pf_spurious"),
    PF_FAST("pf_fast"),
    PF_MMIO_SPTE_CREATED("pf_mmio_spte_created"),
    PF_GUEST("pf_guest"),
    INVLPG("invlpg"),
    EXITS("exits"),
    IO_EXITS("io_exits"),
    MMIO_EXITS("mmio_exits"),
    HALT_EXITS("halt_exits"),
    INSN_EMULATION("insn_emulation"),
    // VM stats
    MMU_SHADOW_ZAPPED("mmu_shadow_zapped"),
    MMU_PTE_WRITE("mmu_pte_write"),
    MMU_CACHE_MISS("mmu_cache_miss"),
    MMU_UNSYNC("mmu_unsync"),
    REMOTE_TLB_FLUSH("remote_tlb_flush"),
    PAGES_4K("pages_4k"),
    PAGES_2M("pages_2m"),
    PAGES_1G("pages_1g"),
    NX_LPAGE_SPLITS("nx_lpage_splits");

    private final String kernelName;

    Stat(String kernelName) {
        this.kernelName = kernelName;
    }

    public String kernelName() {
        return kernelName;
    }
}
