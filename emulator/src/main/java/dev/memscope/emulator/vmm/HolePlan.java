package dev.memscope.emulator.vmm;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import java.util.ArrayList;
import java.util.List;

/**
 * How a hole variant lays out memslots over the ECAM window: pure data, computed before anything is created. Present
 * functions always stay unslotted (their accesses exit to the device model); each maximal run of absent functions
 * becomes one slot, as few as the rules allow, since no variant forbids a slot from spanning devices or buses.
 *
 * @param slots the memslots to create, in GPA order
 * @param mappings the userspace mappings behind them (none for ALLONES and PCI_HOLE, whose userspace_addr must be 0)
 * @param hostBytes host memory the hole costs: bytes of userspace mappings, plus the kernel's shared page for ALLONES
 * @param why one line per decision, for the UI and the compare table
 */
public record HolePlan(HoleVariant variant, List<SlotSpec> slots, List<Mapping> mappings, long hostBytes,
        List<String> why) {

    /** A memslot to create. {@code mapping} indexes {@link #mappings} (-1: none), {@code mappingOffset} into it. */
    public record SlotSpec(int slotId, long gpa, long bytes, int flags, int mapping, long mappingOffset) {
    }

    /** A userspace mapping (mmap) the VMM makes for the plan. */
    public record Mapping(long bytes, MemoryBacking backing) {
    }

    public HolePlan {
        slots = List.copyOf(slots);
        mappings = List.copyOf(mappings);
        why = List.copyOf(why);
    }

    public static HolePlan plan(HoleVariant variant, MemoryMap map, PciTopology topology, int firstSlotId) {
        List<long[]> runs = absentRuns(map, topology);
        long absentBytes = runs.stream().mapToLong(r -> r[1]).sum();
        List<SlotSpec> slots = new ArrayList<>();
        List<Mapping> mappings = new ArrayList<>();
        List<String> why = new ArrayList<>();
        int present = topology.functions().size();
        why.add(String.format("%d present functions stay unslotted; %d runs of absent functions cover %d MiB",
                present, runs.size(), absentBytes >> 20));
        int id = firstSlotId;
        switch (variant) {
            case MMIO_EXIT -> why.add("no memslot over the window: every access exits to userspace");
            case READONLY_PAGE -> {
                for (long[] r : runs) {
                    mappings.add(new Mapping(r[1], MemoryBacking.FILLED_FF));
                    slots.add(new SlotSpec(id++, r[0], r[1], MemFlags.READONLY, mappings.size() - 1, 0));
                }
                why.add("each run is a KVM_MEM_READONLY slot over its own userspace pages filled with 0xff");
            }
            case SINGLE_HVA -> {
                long largest = runs.stream().mapToLong(r -> r[1]).max().orElse(0);
                if (largest > 0) {
                    mappings.add(new Mapping(largest, MemoryBacking.SINGLE_PAGE_FF));
                }
                for (long[] r : runs) {
                    slots.add(new SlotSpec(id++, r[0], r[1], MemFlags.READONLY, 0, 0));
                }
                why.add("each run is a read-only slot over one mapping whose every page is the same 0xff page");
            }
            case ALLONES -> {
                for (long[] r : runs) {
                    slots.add(new SlotSpec(id++, r[0], r[1], MemFlags.ALLONES, -1, 0));
                }
                why.add("each run is an ALLONES slot (userspace_addr 0): the kernel maps its one shared 0xff page");
            }
            case PCI_HOLE -> {
                for (long[] r : runs) {
                    slots.add(new SlotSpec(id++, r[0], r[1], MemFlags.PCI_HOLE, -1, 0));
                }
                why.add("each run is a PCI_HOLE slot (userspace_addr 0): reads emulated in the kernel, writes exit");
            }
            default -> throw new IllegalArgumentException("no plan for " + variant);
        }
        long hostBytes = mappings.stream().mapToLong(m -> m.backing() == MemoryBacking.SINGLE_PAGE_FF ? 4096
                : m.bytes()).sum() + (variant == HoleVariant.ALLONES && !runs.isEmpty() ? 4096 : 0);
        return new HolePlan(variant, slots, mappings, hostBytes, why);
    }

    /** Maximal runs [gpa, bytes] of 4 KiB function pages that no present function occupies. */
    static List<long[]> absentRuns(MemoryMap map, PciTopology topology) {
        List<long[]> runs = new ArrayList<>();
        long pages = map.ecamBytes() >>> 12;
        long runStart = -1;
        for (long p = 0; p <= pages; p++) {
            boolean absent = p < pages && !topology.present(Bdf.ofEcamOffset(p << 12));
            if (absent && runStart < 0) {
                runStart = p;
            } else if (!absent && runStart >= 0) {
                runs.add(new long[] {map.ecamBase() + (runStart << 12), (p - runStart) << 12});
                runStart = -1;
            }
        }
        return runs;
    }
}
