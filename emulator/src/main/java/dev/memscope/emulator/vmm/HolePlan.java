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

    /** Size of the one mapping behind every single-HVA slot, and the most any of them covers. */
    public static final long SINGLE_HVA_CHUNK = 2L << 20;

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
                // Userspace can only alias one page at many HVAs with one mapping per page (a memfd page mapped
                // again and again), and the kernel caps mappings per process (vm.max_map_count, 65530 by default).
                // So the runs are cut at 2 MiB boundaries into slots that all point into one 2 MiB mapping:
                // 512 mappings of the same page, whatever the size of the hole.
                if (!runs.isEmpty()) {
                    mappings.add(new Mapping(SINGLE_HVA_CHUNK, MemoryBacking.SINGLE_PAGE_FF));
                }
                for (long[] r : runs) {
                    for (long gpa = r[0]; gpa < r[0] + r[1];) {
                        long chunkEnd = Math.min(r[0] + r[1], (gpa | (SINGLE_HVA_CHUNK - 1)) + 1);
                        slots.add(new SlotSpec(id++, gpa, chunkEnd - gpa, MemFlags.READONLY, 0,
                                gpa & (SINGLE_HVA_CHUNK - 1)));
                        gpa = chunkEnd;
                    }
                }
                why.add("read-only slots, cut at 2 MiB boundaries, all over one 2 MiB mapping whose every page is "
                        + "the same 0xff page (one mapping per page is all userspace can do: vm.max_map_count)");
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
