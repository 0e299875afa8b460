package dev.memscope.emulator.x86;

/**
 * Out-parameter of {@link Translator#translate}: where one 4 KiB linear page lives and what may be done with it.
 * The CPU copies it into its software TLB. Reused, never allocated per access.
 */
public final class TlbFill {
    /** Guest-physical address of the 4 KiB page (page-aligned). Under shadow paging too (from the guest walk). */
    public long gpa;
    /** The page's bytes (length 4096), or null when the final access is MMIO (no RAM: the CPU goes through
     *  {@link PhysicalMemory#mmioRead}/{@link PhysicalMemory#mmioWrite} at {@link #gpa}). */
    public byte[] page;
    /** Writes may go to {@link #page} directly: guest PTE writable (or CR0.WP=0 in supervisor mode) with its D bit
     *  already set, and the host mapping writable. */
    public boolean writable;
    /** User-mode (CPL 3) accesses allowed by every level of the guest walk. */
    public boolean user;
    /** Instruction fetches allowed (no NX at any level, host mapping executable). */
    public boolean executable;
    /** Size of the guest mapping: 1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB (the kernel's PG_LEVEL_*). */
    public int level;
    /** Do not cache this translation in the TLB: every access must translate again ({@link PageRef#observe}). */
    public boolean observe;

    public void clear() {
        gpa = 0;
        page = null;
        writable = false;
        user = false;
        executable = false;
        level = 1;
        observe = false;
    }
}
