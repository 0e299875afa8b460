package dev.memscope.emulator.api;

/**
 * Result of the page-fault handler, {@code enum RET_PF_*} in arch/x86/kvm/mmu/mmu_internal.h (6.12+ numbering, which
 * added WRITE_PROTECTED; before 6.12 the values after EMULATE shift down by one).
 */
public enum RetPf {
    /** Internal: go on with the next phase. */
    CONTINUE,
    /** Re-enter the guest and let it fault again. */
    RETRY,
    /** MMIO or a write to read-only memory: the instruction goes to the emulator. */
    EMULATE,
    /** A write to a write-tracked gfn (a shadowed guest page table): unprotect and retry, or emulate. */
    WRITE_PROTECTED,
    /** Take the slow path (fast page fault could not fix it; stale MMIO SPTE generation). */
    INVALID,
    /** A mapping was installed. */
    FIXED,
    /** Already fixed by someone else (or the SPTE already allowed the access). */
    SPURIOUS;

    /** The kernel's numeric value (6.12+). */
    public int value() {
        return ordinal();
    }

    /** The kernel's name, such as {@code RET_PF_FIXED}. */
    public String kernelName() {
        return "RET_PF_" + name();
    }
}
