package dev.memscope.emulator.x86;

/**
 * Out-parameter of {@link PhysicalMemory#resolve}: the storage of one 4 KiB guest-physical page. Reused, never
 * allocated per access. Host memory is always held as {@code byte[4096]} pages; aliasing (one host page behind many
 * gfns, as in ALLONES or single-HVA) is the same array seen twice.
 */
public final class PageRef {
    /** The page's bytes, length 4096. */
    public byte[] page;
    /** Whether the hardware may write this page directly (false: a write must resolve again with WRITE). */
    public boolean writable;
    /** Whether the hardware may fetch instructions from it (EPT X, or NX clear in the SPTE). */
    public boolean executable;

    /**
     * The page is watched: the hardware must not cache it in its TLB, so that every access comes back through the
     * memory interface (the simulated backend counts reads of the PCI hole served from mapped pages this way).
     */
    public boolean observe;

    public void set(byte[] page, boolean writable, boolean executable) {
        this.page = page;
        this.writable = writable;
        this.executable = executable;
        this.observe = false;
    }
}
