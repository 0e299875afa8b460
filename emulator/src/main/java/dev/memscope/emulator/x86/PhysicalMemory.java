package dev.memscope.emulator.x86;

/**
 * The one interface every guest-physical access goes through: instruction fetches, data accesses, and the CPU's
 * own page-walk reads and A/D updates. The KVM model implements it twice: as the hardware sees guest memory (EPT /
 * NPT translation through the SPTEs, exiting on violations and misconfigurations) and as KVM's instruction emulator
 * sees it (memslots, in-kernel devices, userspace MMIO). {@link PlainRam} implements it without KVM.
 *
 * <p>Results are status codes, never exceptions: a TLB miss is common and must stay cheap.
 */
public interface PhysicalMemory {
    /** {@code out} holds the page; the access may proceed. */
    int RESOLVED = 0;
    /** No RAM behind the address for this access: complete it with {@link #mmioRead} / {@link #mmioWrite}. */
    int MMIO = 1;
    /** The access needs a VM exit; {@code exit} has been filled in. The instruction is abandoned and restarted later. */
    int EXIT = 2;

    /**
     * Resolves the 4 KiB page holding {@code gpa} for an access of kind {@code access} (see {@link Access}).
     *
     * @param gla the guest-linear address that led here, or -1 when there is none
     * @param pageWalk true when the CPU's page walker makes this access (a guest PTE read or A/D update), as opposed
     *        to the final translation of an instruction's access (EPT's "guest page" versus "guest final" bits)
     */
    int resolve(long gpa, int access, long gla, boolean pageWalk, PageRef out, VmExit exit);

    /**
     * Completes an MMIO read of {@code size} bytes (1, 2, 4 or 8). Returns the value, zero-extended; if the read
     * needs a VM exit (for example to userspace), fills {@code exit} and returns 0: the caller checks
     * {@code exit.reason}.
     */
    long mmioRead(long gpa, int size, VmExit exit);

    /** Completes an MMIO write; fills {@code exit} if it needs a VM exit. */
    void mmioWrite(long gpa, int size, long value, VmExit exit);

    /** Called by the CPU when it writes to a page it has decoded instructions from (self-modifying code). */
    default void codePageWritten(long gpa) {
    }
}
