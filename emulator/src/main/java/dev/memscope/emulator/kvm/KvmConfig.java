package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.PrefetchDecision;

/**
 * What a VM is created with: the MMU mode and the knobs that the kernel has as module parameters or capabilities.
 *
 * @param allonesPrefetch prefetch policy for ALLONES slots (whole slot as in RFC patch 4, bounded to 2 MiB as
 *        proposed in review, the kernel's 8-entry window, or none)
 * @param mmioCaching {@code enable_mmio_caching}: install MMIO SPTEs for gfns without a slot
 * @param nxHugePages the iTLB-multihit workaround ({@code nx_huge_pages}): exec faults stay 4K
 * @param maxPhyAddrBits host MAXPHYADDR; no MMIO SPTE is made for a gfn above it
 * @param readonlyMemCap {@code KVM_CAP_READONLY_MEM} (x86: always)
 * @param allonesMemCap the RFC's {@code KVM_CAP_ALLONES_MEM}: accept the ALLONES flag
 * @param pciHoleMemCap v2's {@code KVM_CAP_PCI_HOLE_MEM}: accept the PCI_HOLE flag
 * @param allonesRfcWriteBug reproduce the RFC as posted: a write fault in an ALLONES slot returns NOSLOT and caches
 *        an MMIO SPTE (the review's finding); false applies the review's fix: the read-only path, no MMIO SPTE
 * @param vcpuId the vCPU id printed in events
 */
public record KvmConfig(MmuMode mmuMode, PrefetchDecision.Policy allonesPrefetch, boolean mmioCaching,
        boolean nxHugePages, int maxPhyAddrBits, boolean readonlyMemCap, boolean allonesMemCap,
        boolean pciHoleMemCap, boolean allonesRfcWriteBug, int eventCapacity) {

    public static KvmConfig defaults(MmuMode mode) {
        return new KvmConfig(mode, PrefetchDecision.Policy.KERNEL_WINDOW, true, false, 46, true, true, true, false,
                1 << 16);
    }

    public KvmConfig withAllonesPrefetch(PrefetchDecision.Policy p) {
        return new KvmConfig(mmuMode, p, mmioCaching, nxHugePages, maxPhyAddrBits, readonlyMemCap, allonesMemCap,
                pciHoleMemCap, allonesRfcWriteBug, eventCapacity);
    }

    public KvmConfig withMmioCaching(boolean on) {
        return new KvmConfig(mmuMode, allonesPrefetch, on, nxHugePages, maxPhyAddrBits, readonlyMemCap,
                allonesMemCap, pciHoleMemCap, allonesRfcWriteBug, eventCapacity);
    }

    public KvmConfig withNxHugePages(boolean on) {
        return new KvmConfig(mmuMode, allonesPrefetch, mmioCaching, on, maxPhyAddrBits, readonlyMemCap,
                allonesMemCap, pciHoleMemCap, allonesRfcWriteBug, eventCapacity);
    }

    public KvmConfig withAllonesRfcWriteBug(boolean on) {
        return new KvmConfig(mmuMode, allonesPrefetch, mmioCaching, nxHugePages, maxPhyAddrBits, readonlyMemCap,
                allonesMemCap, pciHoleMemCap, on, eventCapacity);
    }

    public KvmConfig withCaps(boolean readonly, boolean allones, boolean pciHole) {
        return new KvmConfig(mmuMode, allonesPrefetch, mmioCaching, nxHugePages, maxPhyAddrBits, readonly, allones,
                pciHole, allonesRfcWriteBug, eventCapacity);
    }

    public KvmConfig withEventCapacity(int events) {
        return new KvmConfig(mmuMode, allonesPrefetch, mmioCaching, nxHugePages, maxPhyAddrBits, readonlyMemCap,
                allonesMemCap, pciHoleMemCap, allonesRfcWriteBug, events);
    }
}
