package dev.memscope.emulator.api;

/**
 * Accesses to one PCI function's config space and how each was served.
 *
 * @param name the device model's name for a present function, or empty for an absent one
 * @param userspaceReads reads that exited to the VMM's device model (KVM_EXIT_MMIO)
 * @param kernelReads reads emulated in the kernel without a userspace exit (PCI_HOLE)
 * @param mappedReads reads served from a mapped page without any exit (read-only slot, ALLONES); counted only by the
 *        simulated backend, -1 where the backend cannot see them (real KVM)
 * @param writes writes (all exit to userspace in every variant)
 * @param discardedWrites writes to an absent function that the VMM dropped
 */
public record HoleHits(int bus, int device, int function, boolean present, String name, long userspaceReads,
        long kernelReads, long mappedReads, long writes, long discardedWrites) {

    public String bdf() {
        return String.format("%02x:%02x.%d", bus, device, function);
    }

    public long reads() {
        return userspaceReads + kernelReads + Math.max(0, mappedReads);
    }
}
