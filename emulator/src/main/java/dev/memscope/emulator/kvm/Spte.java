package dev.memscope.emulator.kvm;

/**
 * Pure helpers over SPTE values, named as in arch/x86/kvm/mmu/spte.h and spte.c. Access bits are the kernel's
 * {@code ACC_*}: exec 1, write 2, user 4.
 */
public final class Spte {
    public static final int ACC_EXEC_MASK = 1;
    public static final int ACC_WRITE_MASK = 2;
    public static final int ACC_USER_MASK = 4;
    public static final int ACC_ALL = 7;

    private Spte() {
    }

    /** {@code is_shadow_present_pte()}: bit 11. MMIO SPTEs are not shadow-present. */
    public static boolean isShadowPresentPte(long spte) {
        return (spte & SpteFormat.SPTE_MMU_PRESENT_MASK) != 0;
    }

    /** {@code is_large_pte()}. */
    public static boolean isLargePte(long spte) {
        return (spte & SpteFormat.PT_PAGE_SIZE_MASK) != 0;
    }

    /** {@code is_last_spte()}: a leaf at 4K, or a large page above. */
    public static boolean isLastSpte(long spte, int level) {
        return level == 1 || isLargePte(spte);
    }

    /** {@code is_writable_pte()}: bit 1 in both formats. */
    public static boolean isWritablePte(long spte) {
        return (spte & SpteFormat.PT_WRITABLE_MASK) != 0;
    }

    /** {@code is_mmu_writable_spte()}. */
    public static boolean isMmuWritableSpte(SpteFormat f, long spte) {
        return (spte & f.mmuWritableMask) != 0;
    }

    public static boolean isHostWritableSpte(SpteFormat f, long spte) {
        return (spte & f.hostWritableMask) != 0;
    }

    /** {@code is_mmio_spte()}. */
    public static boolean isMmioSpte(SpteFormat f, long spte) {
        return (spte & f.mmioMask) == f.mmioValue && f.mmioValue != 0;
    }

    /** {@code is_executable_pte()}. */
    public static boolean isExecutablePte(SpteFormat f, long spte) {
        return (spte & (f.xMask | f.nxMask)) == f.xMask;
    }

    public static boolean isAccessedSpte(SpteFormat f, long spte) {
        return (spte & f.accessedMask) != 0;
    }

    public static boolean isDirtySpte(SpteFormat f, long spte) {
        return (spte & f.dirtyMask) != 0;
    }

    /** {@code spte_to_pfn()}. */
    public static long spteToPfn(long spte) {
        return (spte & SpteFormat.SPTE_BASE_ADDR_MASK) >>> 12;
    }

    /** {@code generation_mmio_spte_mask()}. */
    static long generationMmioSpteMask(long gen) {
        gen &= SpteFormat.MMIO_SPTE_GEN_MASK;
        return ((gen & 0xFF) << 3) | ((gen >>> 8) << 52);
    }

    /** {@code get_mmio_spte_generation()}. */
    public static long getMmioSpteGeneration(long spte) {
        return ((spte >>> 3) & 0xFF) | (((spte >>> 52) & 0x7FF) << 8);
    }

    /** {@code get_mmio_spte_gfn()}: the gpa bits 12-50 (bit 51 is the PT format's reserved marker). */
    public static long getMmioSpteGfn(long spte) {
        return (spte & (((1L << 51) - 1) & ~0xFFFL)) >>> 12;
    }

    /** {@code get_mmio_spte_access()}. */
    public static int getMmioSpteAccess(SpteFormat f, long spte) {
        return (int) (spte & f.mmioAccessMask);
    }

    /**
     * {@code make_mmio_spte()}: generation, MMIO marker, access bits and the gpa. (The L1TF mitigation that also
     * stores the gpa in high reserved bits is not modelled.)
     */
    public static long makeMmioSpte(SpteFormat f, long gfn, int access, long generation) {
        long spte = generationMmioSpteMask(generation);
        spte |= f.mmioValue | (access & f.mmioAccessMask);
        spte |= gfn << 12;
        return spte;
    }

    /** {@code make_nonleaf_spte()}: a pointer to a child table, with every permission (A/D enabled). */
    public static long makeNonleafSpte(SpteFormat f, long childTablePfn) {
        return (childTablePfn << 12) | f.presentMask | SpteFormat.PT_WRITABLE_MASK | f.userMask | f.xMask
                | f.accessedMask | SpteFormat.SPTE_MMU_PRESENT_MASK;
    }

    /** {@code spte_write_protect()} / {@code spte_clear_dirty()} as dirty logging does: clear W, keep MMU-writable. */
    public static long spteWriteProtect(long spte) {
        return spte & ~SpteFormat.PT_WRITABLE_MASK;
    }

    /** Access bits an SPTE grants (ACC_*), for the {@code kvm_mmu_set_spte} trace. */
    static int spteAccess(SpteFormat f, long spte) {
        int acc = 0;
        if (isWritablePte(spte)) {
            acc |= ACC_WRITE_MASK;
        }
        if (isExecutablePte(f, spte)) {
            acc |= ACC_EXEC_MASK;
        }
        if ((spte & f.userMask) != 0) {
            acc |= ACC_USER_MASK;
        }
        return acc;
    }

    /** {@code leaf_spte_change_needs_tlb_flush()} plus pfn changes: what a zap or change must flush. */
    static boolean changeNeedsTlbFlush(long oldSpte, long newSpte) {
        if (!isShadowPresentPte(oldSpte)) {
            return false;
        }
        if (!isShadowPresentPte(newSpte) || spteToPfn(oldSpte) != spteToPfn(newSpte)) {
            return true;
        }
        return isWritablePte(oldSpte) && !isWritablePte(newSpte);
    }
}
