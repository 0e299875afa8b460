package dev.memscope.app.session;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.VariantSwitch;
import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.PciFunction;
import dev.memscope.emulator.vmm.PciTopology;
import dev.memscope.emulator.vmm.VmmScenario;
import dev.memscope.views.workbench.DockLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A saved session, as values: everything that builds the machine again (guest and its hash, backend, variant, policies,
 * MMU mode, memory map, page size, scenario, devices, cost model), the breakpoints and pane layout, and the way back to
 * the stop it was saved at (the live variant switches on the way, and the stop position). {@link SessionJson} reads and
 * writes it as JSON of format version {@link #FORMAT_VERSION}.
 *
 * @param savedBy the Memscope that wrote it, for the reader's information
 * @param variant the variant the run started with (later switches are in {@code variantSwitches})
 * @param layout the panes' layout, or null when none was recorded (the command line)
 * @param stopAtExact false when {@code stopAt} is only the nearest earlier stop the machine could name
 * @param stopReason why the machine had stopped, in words, for the reader
 */
public record SessionFile(String savedBy, GuestRef guest, String backend, HoleVariant variant, String prefetchPolicy,
        MmuMode mmu, MemoryMap map, BootLayout.PageSize pageSize, VmmScenario scenario, List<Device> devices,
        Map<EventKind, Long> costOverrides, List<Breakpoint> breakpoints, DockLayout layout,
        List<VariantSwitch> variantSwitches, StopAt stopAt, boolean stopAtExact, String stopReason) {
    public static final String FORMAT = "memscope-session";
    public static final int FORMAT_VERSION = 1;

    public SessionFile {
        devices = List.copyOf(devices);
        costOverrides = costOverrides.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(costOverrides));
        breakpoints = List.copyOf(breakpoints);
        variantSwitches = List.copyOf(variantSwitches);
    }

    /**
     * The guest: a catalog guest by name, or an ELF file by path (relative paths are relative to the session file).
     *
     * @param name the guest's name as the machine shows it
     */
    public record GuestRef(String name, String catalog, String file, String sha256) {
        public boolean fromCatalog() {
            return catalog != null;
        }
    }

    /** A present PCI function: where, its IDs, and its name. */
    public record Device(String bdf, int vendorId, int deviceId, String name) {
        public static List<Device> of(PciTopology topology) {
            List<Device> out = new ArrayList<>();
            for (PciFunction f : topology.functions()) {
                out.add(new Device(f.bdf().toString(), f.vendorId(), f.deviceId(), f.name()));
            }
            return out;
        }
    }
}
