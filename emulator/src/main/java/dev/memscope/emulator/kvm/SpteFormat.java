package dev.memscope.emulator.kvm;

/**
 * The SPTE bit layout in force, as the kernel's {@code shadow_*_mask} globals describe it
 * ({@code kvm_mmu_set_ept_masks} and {@code kvm_mmu_reset_all_pte_masks}, arch/x86/kvm/mmu/spte.c). Two instances:
 * {@link #EPT} (TDP MMU and the legacy direct MMU on Intel) and {@link #PT} (legacy x86 PTE format: shadow paging;
 * NPT would use it too).
 *
 * <p>The layout is DOMAIN.md's. Linux 6.10 and later also set bit 63 (EPT "suppress #VE") in every EPT SPTE, present
 * or not ({@code SHADOW_NONPRESENT_VALUE}, and in {@code shadow_present_mask}); the model leaves it out, so its
 * non-present SPTEs are 0 and its SPTE values differ from a 6.10+ trace in that bit only.
 */
public final class SpteFormat {
    public static final long PT_PRESENT_MASK = 1L;
    public static final long PT_WRITABLE_MASK = 1L << 1;
    public static final long PT_PAGE_SIZE_MASK = 1L << 7;
    /** {@code SPTE_MMU_PRESENT_MASK}: bit 11, KVM's own "shadow-present" marker in both formats. */
    public static final long SPTE_MMU_PRESENT_MASK = 1L << 11;
    /** {@code SPTE_BASE_ADDR_MASK}: physical address bits 12-51. */
    public static final long SPTE_BASE_ADDR_MASK = ((1L << 52) - 1) & ~0xFFFL;
    /** {@code SPTE_TDP_AD_SHIFT}: the A/D type in bits 52-53: 0 enabled, 1 disabled, 2 write-protect only. */
    public static final int SPTE_TDP_AD_SHIFT = 52;
    public static final long SPTE_TDP_AD_MASK = 3L << SPTE_TDP_AD_SHIFT;
    public static final long SPTE_TDP_AD_DISABLED = 1L << SPTE_TDP_AD_SHIFT;
    public static final long SPTE_TDP_AD_WRPROT_ONLY = 2L << SPTE_TDP_AD_SHIFT;
    /** {@code MTRR_TYPE_WRBACK << VMX_EPT_MT_EPTE_SHIFT | VMX_EPT_IPAT_BIT} (vmx_get_mt_mask for RAM). */
    public static final long EPT_MT_WB_IPAT = (6L << 3) | (1L << 6);
    /** MMIO generation: low 8 bits at 3-10, high 11 bits at 52-62 (MMIO_SPTE_GEN_*_START/END, spte.h). */
    public static final int MMIO_SPTE_GEN_BITS = 19;
    public static final long MMIO_SPTE_GEN_MASK = (1L << MMIO_SPTE_GEN_BITS) - 1;

    public static final SpteFormat EPT = new SpteFormat(true);
    public static final SpteFormat PT = new SpteFormat(false);

    final boolean ept;
    /** {@code shadow_present_mask}: EPT R (no exec-only support modelled), PT P. */
    final long presentMask;
    final long xMask;
    final long nxMask;
    final long userMask;
    final long accessedMask;
    final long dirtyMask;
    final long hostWritableMask;
    final long mmuWritableMask;
    /** {@code shadow_mmio_mask} / {@code shadow_mmio_value} / {@code shadow_mmio_access_mask}. */
    final long mmioMask;
    final long mmioValue;
    final long mmioAccessMask;

    private SpteFormat(boolean ept) {
        this.ept = ept;
        if (ept) {
            presentMask = 1L;               // VMX_EPT_READABLE_MASK
            xMask = 1L << 2;                // VMX_EPT_EXECUTABLE_MASK
            nxMask = 0;
            userMask = 1L;                  // shadow_user_mask = VMX_EPT_READABLE_MASK
            accessedMask = 1L << 8;
            dirtyMask = 1L << 9;
            hostWritableMask = 1L << 57;    // EPT_SPTE_HOST_WRITABLE
            mmuWritableMask = 1L << 58;     // EPT_SPTE_MMU_WRITABLE
            mmioMask = 7L;                  // VMX_EPT_RWX_MASK (suppress-#VE bit not modelled)
            mmioValue = 6L;                 // VMX_EPT_MISCONFIG_WX_VALUE: write+exec without read
            mmioAccessMask = 0;
        } else {
            presentMask = PT_PRESENT_MASK;
            xMask = 0;
            nxMask = 1L << 63;
            userMask = 1L << 2;
            accessedMask = 1L << 5;
            dirtyMask = 1L << 6;
            hostWritableMask = 1L << 9;     // DEFAULT_SPTE_HOST_WRITABLE
            mmuWritableMask = 1L << 10;     // DEFAULT_SPTE_MMU_WRITABLE
            mmioMask = (1L << 51) | PT_PRESENT_MASK; // a reserved PA bit (MAXPHYADDR < 52) plus present
            mmioValue = (1L << 51) | PT_PRESENT_MASK;
            mmioAccessMask = Spte.ACC_WRITE_MASK | Spte.ACC_USER_MASK;
        }
    }

    public boolean isEpt() {
        return ept;
    }

    public String name() {
        return ept ? "EPT" : "PT";
    }
}
