package dev.memscope.emulator.api;

import java.util.Arrays;
import java.util.Optional;

/** Which of KVM's x86 MMUs serves the guest (DOMAIN.md §2). */
public enum MmuMode {
    /** The TDP MMU (tdp_mmu=Y, the default with EPT/NPT): EPT SPTE format, never prefetches. */
    TDP("tdp", "TDP MMU (EPT), never prefetches"),
    /** The legacy direct MMU (tdp_mmu=N): direct_map, prefetches the 8-entry window. */
    DIRECT("direct", "legacy direct MMU (tdp_mmu=N), prefetches"),
    /** Shadow paging: KVM walks the guest's page tables and builds SPTEs for guest-virtual addresses. */
    SHADOW("shadow", "shadow paging, KVM walks the guest's tables");

    private final String cliName;
    private final String summary;

    MmuMode(String cliName, String summary) {
        this.cliName = cliName;
        this.summary = summary;
    }

    public String cliName() {
        return cliName;
    }

    public String summary() {
        return summary;
    }

    public static Optional<MmuMode> fromCliName(String name) {
        return Arrays.stream(values()).filter(v -> v.cliName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
