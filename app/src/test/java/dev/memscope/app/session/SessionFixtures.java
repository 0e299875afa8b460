package dev.memscope.app.session;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.VariantSwitch;
import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.PciTopology;
import dev.memscope.emulator.vmm.VmmScenario;
import dev.memscope.views.workbench.DockLayout;
import dev.memscope.views.workbench.DockRegion;
import java.util.List;
import java.util.Map;

/** Session files for tests: one with every field and every kind of breakpoint. */
final class SessionFixtures {
    private SessionFixtures() {
    }

    static SessionFile everything(String sha256) {
        return new SessionFile("Memscope test", new SessionFile.GuestRef("pci-scan", "pci-scan", null, sha256), "sim",
                HoleVariant.ALLONES, "bounded-2m", MmuMode.DIRECT, new MemoryMap(128L << 20, 0xB0000000L, 64),
                BootLayout.PageSize.SIZE_4K, VmmScenario.DIRTY_LOG, SessionFile.Device.of(PciTopology.q35Default()),
                Map.of(EventKind.KVM_MMIO, 750L, EventKind.KVM_USERSPACE_EXIT, 9000L),
                List.of(new Breakpoint.Rip(0x100010), new Breakpoint.GpaRange(0xB0018000L, 0xB0019000L),
                        new Breakpoint.SpteChange(0xB0018), new Breakpoint.MemslotChange(),
                        new Breakpoint.ExitReason(6), new Breakpoint.HoleHit(0, 3, 0), new Breakpoint.SyncValue(7)),
                new DockLayout(List.of("cpu-pane", "faults-pane", "console-pane"),
                        Map.of(DockRegion.CENTER, "faults-pane", DockRegion.BOTTOM, "console-pane")),
                List.of(new VariantSwitch(new StopAt.Instructions(1234), true, HoleVariant.ALLONES,
                        HoleVariant.PCI_HOLE)),
                StopAt.parse("fault:12/faultin_pfn"), true, "page fault #12: faultin_pfn done");
    }

    static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
}
