package dev.memscope.emulator.vmm;

import dev.memscope.emulator.api.HoleVariant;

/**
 * What the VMM sets up: the guest, the memory map, how the PCI hole is served, and the boot page size.
 *
 * @param guestName the catalog name or file name, for summaries
 * @param logDirtyRam whether the RAM slot is created with KVM_MEM_LOG_DIRTY_PAGES (the dirty-log scenario)
 */
public record VmmConfig(String guestName, ElfImage image, MemoryMap map, HoleVariant variant,
        BootLayout.PageSize pageSize, boolean logDirtyRam) {

    public static VmmConfig of(String guestName, ElfImage image) {
        return new VmmConfig(guestName, image, MemoryMap.defaults(), HoleVariant.MMIO_EXIT,
                BootLayout.PageSize.SIZE_2M, false);
    }

    public VmmConfig withVariant(HoleVariant v) {
        return new VmmConfig(guestName, image, map, v, pageSize, logDirtyRam);
    }

    public VmmConfig withMap(MemoryMap m) {
        return new VmmConfig(guestName, image, m, variant, pageSize, logDirtyRam);
    }

    public VmmConfig withPageSize(BootLayout.PageSize p) {
        return new VmmConfig(guestName, image, map, variant, p, logDirtyRam);
    }

    public VmmConfig withLogDirtyRam(boolean on) {
        return new VmmConfig(guestName, image, map, variant, pageSize, on);
    }
}
