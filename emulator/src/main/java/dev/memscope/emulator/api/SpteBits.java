package dev.memscope.emulator.api;

/**
 * Decodes SPTEs for views: the bit layout of arch/x86/kvm/mmu/spte.h in the two formats the model uses (DOMAIN.md
 * §2 table). {@link Format#EPT} serves the TDP MMU and the legacy direct MMU, {@link Format#PT} shadow paging. The KVM
 * model builds SPTEs with the same masks.
 */
public final class SpteBits {
    /** KVM's own "shadow-present" marker, bit 11 in both formats ({@code SPTE_MMU_PRESENT_MASK}). */
    public static final long MMU_PRESENT = 1L << 11;
    /** Physical address bits 12-51 ({@code SPTE_BASE_ADDR_MASK}). */
    public static final long BASE_ADDR_MASK = ((1L << 52) - 1) & ~0xFFFL;
    /** Large page (bit 7) in both formats. */
    public static final long LARGE = 1L << 7;
    /** A/D type, bits 52-53: 0 A/D enabled, 1 disabled, 2 write-protect only ({@code SPTE_TDP_AD_*}). */
    public static final int AD_SHIFT = 52;
    /** The MMIO generation is 19 bits, split: low 8 at bits 3-10, high 11 at bits 52-62. */
    public static final int MMIO_GEN_BITS = 19;

    /** The two SPTE formats. */
    public enum Format {
        EPT(1L, 1L << 1, 1L << 2, 0, 1L, 1L << 8, 1L << 9, 1L << 57, 1L << 58, 7L, 6L),
        PT(1L, 1L << 1, 0, 1L << 63, 1L << 2, 1L << 5, 1L << 6, 1L << 9, 1L << 10, (1L << 51) | 1L, (1L << 51) | 1L);

        public final long presentMask;
        public final long writableMask;
        /** EPT X (bit 2); 0 in PT format, which has NX instead. */
        public final long execMask;
        /** PT NX (bit 63); 0 in EPT format. */
        public final long nxMask;
        /** PT U/S (bit 2); EPT has no user bit (the kernel sets shadow_user_mask = R). */
        public final long userMask;
        public final long accessedMask;
        public final long dirtyMask;
        public final long hostWritableMask;
        public final long mmuWritableMask;
        /** {@code shadow_mmio_mask} and {@code shadow_mmio_value}: EPT write+exec without read (a misconfiguration);
         *  PT a reserved physical-address bit with present. */
        public final long mmioMask;
        public final long mmioValue;

        Format(long present, long writable, long exec, long nx, long user, long accessed, long dirty,
                long hostWritable, long mmuWritable, long mmioMask, long mmioValue) {
            this.presentMask = present;
            this.writableMask = writable;
            this.execMask = exec;
            this.nxMask = nx;
            this.userMask = user;
            this.accessedMask = accessed;
            this.dirtyMask = dirty;
            this.hostWritableMask = hostWritable;
            this.mmuWritableMask = mmuWritable;
            this.mmioMask = mmioMask;
            this.mmioValue = mmioValue;
        }
    }

    private SpteBits() {
    }

    /** {@code is_shadow_present_pte()}. MMIO SPTEs are not shadow-present. */
    public static boolean isShadowPresent(long spte) {
        return (spte & MMU_PRESENT) != 0;
    }

    /** {@code is_mmio_spte()}. */
    public static boolean isMmio(Format f, long spte) {
        return (spte & f.mmioMask) == f.mmioValue && !isShadowPresent(spte);
    }

    /** {@code is_large_pte()}: bit 7 on an upper-level entry. */
    public static boolean isLarge(long spte) {
        return (spte & LARGE) != 0;
    }

    /** {@code is_last_spte()}: a leaf at 4K, or a large page above it. */
    public static boolean isLast(long spte, int level) {
        return level == 1 || isLarge(spte);
    }

    /** {@code spte_to_pfn()}. */
    public static long pfn(long spte) {
        return (spte & BASE_ADDR_MASK) >>> 12;
    }

    public static boolean writable(Format f, long spte) {
        return (spte & f.writableMask) != 0;
    }

    public static boolean executable(Format f, long spte) {
        return f == Format.EPT ? (spte & f.execMask) != 0 : (spte & f.nxMask) == 0;
    }

    public static boolean accessed(Format f, long spte) {
        return (spte & f.accessedMask) != 0;
    }

    public static boolean dirty(Format f, long spte) {
        return (spte & f.dirtyMask) != 0;
    }

    public static boolean hostWritable(Format f, long spte) {
        return (spte & f.hostWritableMask) != 0;
    }

    public static boolean mmuWritable(Format f, long spte) {
        return (spte & f.mmuWritableMask) != 0;
    }

    /** EPT memory type, bits 3-5 (6 = WB, 0 = UC); -1 in PT format. */
    public static int memoryType(Format f, long spte) {
        return f == Format.EPT ? (int) (spte >>> 3 & 7) : -1;
    }

    /** {@code get_mmio_spte_generation()}: bits 3-10 and 52-62 put back together. */
    public static long mmioGeneration(long spte) {
        return (spte >>> 3 & 0xFF) | (spte >>> 52 & 0x7FF) << 8;
    }

    /** The gfn an MMIO SPTE caches ({@code get_mmio_spte_gfn()}): address bits 12-50. */
    public static long mmioGfn(long spte) {
        return (spte & BASE_ADDR_MASK & ~(1L << 51)) >>> 12;
    }

    /** A compact decoding for tables and tooltips, such as {@code R W X A D HW MW WB pfn 0x1234}. */
    public static String describe(Format f, long spte, int level) {
        if (spte == 0) {
            return "not present";
        }
        if (isMmio(f, spte)) {
            return String.format("MMIO gfn 0x%x gen %d", mmioGfn(spte), mmioGeneration(spte));
        }
        if (!isShadowPresent(spte)) {
            return String.format("not present (0x%x)", spte);
        }
        StringBuilder sb = new StringBuilder();
        sb.append((spte & f.presentMask) != 0 ? "R" : "-");
        sb.append(writable(f, spte) ? " W" : " -");
        sb.append(executable(f, spte) ? " X" : " -");
        if (f == Format.PT) {
            sb.append((spte & f.userMask) != 0 ? " U" : " S");
        }
        sb.append(accessed(f, spte) ? " A" : "");
        sb.append(dirty(f, spte) ? " D" : "");
        sb.append(hostWritable(f, spte) ? " HW" : "");
        sb.append(mmuWritable(f, spte) ? " MW" : "");
        if (isLast(spte, level) && level > 1) {
            sb.append(level == 2 ? " 2M" : " 1G");
        }
        int mt = memoryType(f, spte);
        if (mt >= 0 && isLast(spte, level)) {
            sb.append(mt == 6 ? " WB" : mt == 0 ? " UC" : " mt" + mt);
        }
        sb.append(String.format(" pfn 0x%x", pfn(spte)));
        return sb.toString();
    }
}
