package dev.memscope.emulator.session;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.VmmConfig;
import dev.memscope.emulator.vmm.VmmScenario;

/**
 * Everything needed to build the machine from nothing, and to build it again identically (reset, replay).
 *
 * @param backend {@code sim} or {@code kvm}
 * @param prefetchPolicy the ALLONES prefetch policy's name (simulated backend)
 */
public record SessionSetup(String guestName, ElfImage image, String backend, HoleVariant variant, MmuMode mmu,
        String prefetchPolicy, MemoryMap map, BootLayout.PageSize pageSize, VmmScenario scenario) {

    public static SessionSetup of(String guestName, ElfImage image) {
        return new SessionSetup(guestName, image, "sim", HoleVariant.MMIO_EXIT, MmuMode.TDP, "kernel",
                MemoryMap.defaults(), BootLayout.PageSize.SIZE_2M, VmmScenario.NONE);
    }

    public VmmConfig vmmConfig() {
        return new VmmConfig(guestName, image, map, variant, pageSize, scenario);
    }

    public SessionSetup withBackend(String b) {
        return new SessionSetup(guestName, image, b, variant, mmu, prefetchPolicy, map, pageSize, scenario);
    }

    public SessionSetup withVariant(HoleVariant v) {
        return new SessionSetup(guestName, image, backend, v, mmu, prefetchPolicy, map, pageSize, scenario);
    }

    public SessionSetup withMmu(MmuMode m) {
        return new SessionSetup(guestName, image, backend, variant, m, prefetchPolicy, map, pageSize, scenario);
    }

    public SessionSetup withPrefetchPolicy(String p) {
        return new SessionSetup(guestName, image, backend, variant, mmu, p, map, pageSize, scenario);
    }

    public SessionSetup withScenario(VmmScenario s) {
        return new SessionSetup(guestName, image, backend, variant, mmu, prefetchPolicy, map, pageSize, s);
    }

    public SessionSetup withMap(MemoryMap m) {
        return new SessionSetup(guestName, image, backend, variant, mmu, prefetchPolicy, m, pageSize, scenario);
    }
}
