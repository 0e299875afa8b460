package dev.memscope.emulator.kvm;

/**
 * Host page-frame numbers and the kernel's special pfn values (include/linux/kvm_host.h): error pfns carry
 * {@code KVM_PFN_ERR_MASK}, the no-slot pfn has bit 63. Also the regions from which the model hands out frames.
 */
public final class KvmPfn {
    /** {@code KVM_PFN_ERR_MASK}: bits 52-62. */
    public static final long ERR_MASK = 0x7FFL << 52;
    /** {@code KVM_PFN_ERR_NOSLOT_MASK}: bits 52-63. */
    public static final long ERR_NOSLOT_MASK = 0xFFFL << 52;
    /** {@code KVM_PFN_NOSLOT}: no memslot behind the gfn (MMIO). */
    public static final long NOSLOT = 1L << 63;
    /** {@code KVM_PFN_ERR_FAULT}: GUP failed (no VMA, bad address). */
    public static final long ERR_FAULT = ERR_MASK;
    /** {@code KVM_PFN_ERR_HWPOISON}. */
    public static final long ERR_HWPOISON = ERR_MASK + 1;
    /** {@code KVM_PFN_ERR_RO_FAULT}: a write to a read-only slot. */
    public static final long ERR_RO_FAULT = ERR_MASK + 2;
    /** {@code KVM_PFN_ERR_SIGPENDING}: a signal interrupted the GUP. */
    public static final long ERR_SIGPENDING = ERR_MASK + 3;

    /** Ordinary host RAM (with struct page) is handed out from here (host physical 4 GiB). */
    public static final long RAM_BASE = 0x100000L;
    /**
     * Frames without struct page (memory hidden with {@code mem=}, mapped through /dev/mem) start here (host
     * physical 16 TiB). Every model pfn stays below 2^34 (a 46-bit host MAXPHYADDR), so no SPTE ever carries a
     * reserved physical-address bit by accident (bit 51 marks MMIO SPTEs in the PT format).
     */
    public static final long PFN_ONLY_BASE = 1L << 32;
    /** Pages holding SPTE tables ({@code sp->spt}) are numbered from here (host physical 32 TiB). */
    public static final long TABLE_BASE = 1L << 33;
    /** The kernel's single page filled with 0xff that ALLONES slots map (one for the whole host). */
    public static final long ALLONES_PAGE = 0xFFFF0L;
    /** The host's shared zero page, which read faults on untouched anonymous memory map read-only. */
    public static final long ZERO_PAGE = 0xFFFF1L;

    private KvmPfn() {
    }

    /** {@code is_error_pfn()}. */
    public static boolean isErrorPfn(long pfn) {
        return (pfn & ERR_MASK) != 0 && pfn != NOSLOT;
    }

    /** {@code is_noslot_pfn()}. */
    public static boolean isNoslotPfn(long pfn) {
        return pfn == NOSLOT;
    }

    /** {@code is_error_noslot_pfn()}. */
    public static boolean isErrorNoslotPfn(long pfn) {
        return (pfn & ERR_NOSLOT_MASK) != 0;
    }

    /** Whether the frame has a struct page (ordinary RAM or the kernel's 0xff page). */
    public static boolean hasStructPage(long pfn) {
        return pfn < PFN_ONLY_BASE;
    }

    public static String describe(long pfn) {
        if (pfn == NOSLOT) {
            return "noslot";
        }
        if (pfn == ERR_FAULT) {
            return "err_fault";
        }
        if (pfn == ERR_HWPOISON) {
            return "err_hwpoison";
        }
        if (pfn == ERR_RO_FAULT) {
            return "ro_fault";
        }
        if (pfn == ERR_SIGPENDING) {
            return "err_sigpending";
        }
        if (pfn == ZERO_PAGE) {
            return "zero_page";
        }
        return pfn == ALLONES_PAGE ? "allones_page" : hasStructPage(pfn) ? "host" : "pfn_only";
    }
}
