package dev.memscope.emulator.session;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.VmmConfig;
import dev.memscope.emulator.vmm.VmmScenario;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything needed to build the machine from nothing, and to build it again identically (reset, replay).
 *
 * @param backend {@code sim} or {@code kvm}
 * @param prefetchPolicy the ALLONES prefetch policy's name (simulated backend)
 * @param costOverrides modelled nanoseconds per event kind where they differ from the cost model's defaults
 *        (simulated backend; the factory that builds the backend applies them)
 */
public record SessionSetup(String guestName, ElfImage image, String backend, HoleVariant variant, MmuMode mmu,
        String prefetchPolicy, MemoryMap map, BootLayout.PageSize pageSize, VmmScenario scenario,
        Map<EventKind, Long> costOverrides) {

    public SessionSetup {
        costOverrides = costOverrides.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(costOverrides));
    }

    public static SessionSetup of(String guestName, ElfImage image) {
        return new SessionSetup(guestName, image, "sim", HoleVariant.MMIO_EXIT, MmuMode.TDP, "kernel",
                MemoryMap.defaults(), BootLayout.PageSize.SIZE_2M, VmmScenario.NONE, Map.of());
    }

    public VmmConfig vmmConfig() {
        return new VmmConfig(guestName, image, map, variant, pageSize, scenario);
    }

    public SessionSetup withBackend(String b) {
        return new SessionSetup(guestName, image, b, variant, mmu, prefetchPolicy, map, pageSize, scenario,
                costOverrides);
    }

    public SessionSetup withVariant(HoleVariant v) {
        return new SessionSetup(guestName, image, backend, v, mmu, prefetchPolicy, map, pageSize, scenario,
                costOverrides);
    }

    public SessionSetup withMmu(MmuMode m) {
        return new SessionSetup(guestName, image, backend, variant, m, prefetchPolicy, map, pageSize, scenario,
                costOverrides);
    }

    public SessionSetup withPrefetchPolicy(String p) {
        return new SessionSetup(guestName, image, backend, variant, mmu, p, map, pageSize, scenario,
                costOverrides);
    }

    public SessionSetup withScenario(VmmScenario s) {
        return new SessionSetup(guestName, image, backend, variant, mmu, prefetchPolicy, map, pageSize, s,
                costOverrides);
    }

    public SessionSetup withPageSize(BootLayout.PageSize p) {
        return new SessionSetup(guestName, image, backend, variant, mmu, prefetchPolicy, map, p, scenario,
                costOverrides);
    }

    public SessionSetup withCostOverrides(Map<EventKind, Long> c) {
        return new SessionSetup(guestName, image, backend, variant, mmu, prefetchPolicy, map, pageSize, scenario, c);
    }

    public SessionSetup withMap(MemoryMap m) {
        return new SessionSetup(guestName, image, backend, variant, mmu, prefetchPolicy, m, pageSize, scenario,
                costOverrides);
    }
}
