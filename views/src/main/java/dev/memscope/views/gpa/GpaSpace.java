package dev.memscope.views.gpa;

import dev.memscope.emulator.api.HoleHits;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MemslotInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest-physical address space of one snapshot, indexed for look-ups: the memslots of each address space sorted
 * by base_gfn (they never overlap inside one, so a binary search finds the slot of a gfn, as
 * {@code search_memslots()} does), the RAM the VMM set up, the ECAM window, and the names of the PCI functions the
 * snapshot's hole hits name. Immutable.
 */
public final class GpaSpace {
    private final List<List<MemslotInfo>> byAs = new ArrayList<>();
    private final long ramBytes;
    private final EcamWindow ecam;
    private final Map<Integer, String> functionNames = new HashMap<>();

    public GpaSpace(List<MemslotInfo> memslots, long ramBytes, EcamWindow ecam, List<HoleHits> holeHits) {
        for (MemslotInfo s : memslots) {
            while (byAs.size() <= s.asId()) {
                byAs.add(new ArrayList<>());
            }
            byAs.get(s.asId()).add(s);
        }
        for (List<MemslotInfo> list : byAs) {
            list.sort(Comparator.comparing(MemslotInfo::baseGfn, Long::compareUnsigned));
        }
        this.ramBytes = ramBytes;
        this.ecam = ecam;
        for (HoleHits h : holeHits) {
            if (h.present() && !h.name().isEmpty()) {
                functionNames.put(EcamWindow.pageIndex(h.bus(), h.device(), h.function()), h.name());
            }
        }
    }

    public static GpaSpace of(MachineSnapshot s) {
        MachineSnapshot.Setup setup = s.setup();
        return new GpaSpace(s.memslots(), setup == null ? 0 : setup.ramBytes(), EcamWindow.of(setup), s.holeHits());
    }

    public static GpaSpace empty() {
        return new GpaSpace(List.of(), 0, null, List.of());
    }

    /** The window, or null when the setup has none. */
    public EcamWindow ecam() {
        return ecam;
    }

    public long ramBytes() {
        return ramBytes;
    }

    /** Address spaces that have at least one slot (x86 has two: 0 normal, 1 SMM). */
    public int addressSpaces() {
        return byAs.size();
    }

    public List<MemslotInfo> slots(int asId) {
        return asId < byAs.size() ? List.copyOf(byAs.get(asId)) : List.of();
    }

    /** The slot of address space {@code asId} that holds {@code gfn}, or null. */
    public MemslotInfo slotAt(int asId, long gfn) {
        if (asId >= byAs.size()) {
            return null;
        }
        List<MemslotInfo> list = byAs.get(asId);
        int lo = 0;
        int hi = list.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            MemslotInfo s = list.get(mid);
            if (Long.compareUnsigned(gfn, s.baseGfn()) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(gfn - s.baseGfn(), s.npages()) >= 0) {
                lo = mid + 1;
            } else {
                return s;
            }
        }
        return null;
    }

    /** The name of a present PCI function the snapshot knows of, or empty. */
    public String functionName(int bus, int device, int function) {
        return functionNames.getOrDefault(EcamWindow.pageIndex(bus, device, function), "");
    }

    /** Present functions the snapshot names, by page index in the window ({@code bus << 8 | dev << 3 | fn}). */
    public java.util.SortedMap<Integer, String> presentFunctions() {
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(functionNames));
    }

    /** The gap (no slot) around {@code gfn} in {@code asId}: [start, end) in gfns, bounded by the neighbours. */
    public long[] gapAround(int asId, long gfn) {
        long start = 0;
        long end = -1L >>> 12;
        for (MemslotInfo s : asId < byAs.size() ? byAs.get(asId) : List.<MemslotInfo>of()) {
            long slotEnd = s.baseGfn() + s.npages();
            if (Long.compareUnsigned(slotEnd, gfn) <= 0) {
                start = slotEnd;
            } else if (Long.compareUnsigned(s.baseGfn(), gfn) > 0) {
                end = s.baseGfn();
                break;
            }
        }
        return new long[] {start, end};
    }

    /**
     * One line for a hover: {@code gpa 0xb0008000 · gfn 0xb0008 · slot 2 ALLONES · ECAM 00:01.0 reg 0x000
     * (virtio-net)}. Unsigned throughout.
     */
    public String describe(int asId, long gpa) {
        long gfn = gpa >>> 12;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("gpa 0x%x · gfn 0x%x", gpa, gfn));
        MemslotInfo slot = slotAt(asId, gfn);
        if (slot != null) {
            sb.append(String.format(" · slot %d (as %d) %s", slot.id(), slot.asId(),
                    slot.flags() == 0 ? "memory" : MemslotFlags.describe(slot.flags())));
        } else {
            long[] gap = gapAround(asId, gfn);
            sb.append(String.format(" · no memslot (gap 0x%x-0x%x, %s)", gap[0] << 12, gap[1] << 12,
                    Sizes.of((gap[1] - gap[0]) << 12)));
        }
        if (Long.compareUnsigned(gpa, ramBytes) < 0) {
            sb.append(" · RAM");
        }
        if (ecam != null && ecam.contains(gpa)) {
            EcamAddress a = ecam.decode(gpa);
            sb.append(" · ECAM ").append(a);
            String name = functionName(a.bus(), a.device(), a.function());
            if (!name.isEmpty()) {
                sb.append(" (").append(name).append(')');
            } else if (slot != null) {
                sb.append(" (absent function)");
            }
        }
        return sb.toString();
    }
}
