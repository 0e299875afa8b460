package dev.memscope.emulator.vmm;

import dev.memscope.emulator.api.HoleVariant;

/**
 * What the VMM sets up: the guest, the memory map, how the PCI hole is served, and the boot page size.
 *
 * @param guestName the catalog name or file name, for summaries
 * @param scenario extra slots, pre-faulting and dirty-log pulls around the guest (see {@link VmmScenario})
 */
public record VmmConfig(String guestName, ElfImage image, MemoryMap map, HoleVariant variant,
        BootLayout.PageSize pageSize, VmmScenario scenario) {

    public static VmmConfig of(String guestName, ElfImage image) {
        return new VmmConfig(guestName, image, MemoryMap.defaults(), HoleVariant.MMIO_EXIT,
                BootLayout.PageSize.SIZE_2M, VmmScenario.NONE);
    }

    public boolean logDirtyRam() {
        return scenario == VmmScenario.DIRTY_LOG;
    }

    public VmmConfig withVariant(HoleVariant v) {
        return new VmmConfig(guestName, image, map, v, pageSize, scenario);
    }

    public VmmConfig withMap(MemoryMap m) {
        return new VmmConfig(guestName, image, m, variant, pageSize, scenario);
    }

    public VmmConfig withPageSize(BootLayout.PageSize p) {
        return new VmmConfig(guestName, image, map, variant, p, scenario);
    }

    public VmmConfig withScenario(VmmScenario s) {
        return new VmmConfig(guestName, image, map, variant, pageSize, s);
    }
}
