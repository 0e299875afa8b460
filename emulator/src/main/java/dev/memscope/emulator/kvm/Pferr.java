package dev.memscope.emulator.kvm;

/** Page-fault error-code bits ({@code PFERR_*_MASK}, arch/x86/include/asm/kvm_host.h). */
public final class Pferr {
    public static final long PRESENT = 1L;
    public static final long WRITE = 1L << 1;
    public static final long USER = 1L << 2;
    public static final long RSVD = 1L << 3;
    public static final long FETCH = 1L << 4;
    public static final long PK = 1L << 5;
    public static final long SS = 1L << 6;
    public static final long SGX = 1L << 15;
    public static final long GUEST_FINAL = 1L << 32;
    public static final long GUEST_PAGE = 1L << 33;
    public static final long IMPLICIT_ACCESS = 1L << 48;
    public static final long PRIVATE_ACCESS = 1L << 49;

    private Pferr() {
    }

    /**
     * The error code {@code __vmx_handle_ept_violation} builds from an EPT-violation exit qualification: a read
     * sets USER (sic), then WRITE, FETCH, PRESENT if the entry had any of R/W/X, and, only when the guest linear
     * address is valid (bit 7), GUEST_FINAL (bit 8 set) or GUEST_PAGE. (Since 6.11 the kernel gates these two on
     * the GVA being valid; the upstream line tests {@code error_code} where it means the qualification: the model
     * follows the intent.)
     */
    public static long fromEptViolation(long qualification) {
        long err = (qualification & 1) != 0 ? USER : 0;
        err |= (qualification & 2) != 0 ? WRITE : 0;
        err |= (qualification & 4) != 0 ? FETCH : 0;
        err |= (qualification & 0x38) != 0 ? PRESENT : 0;
        if ((qualification & (1L << 7)) != 0) {
            err |= (qualification & (1L << 8)) != 0 ? GUEST_FINAL : GUEST_PAGE;
        }
        return err;
    }
}
