package dev.memscope.views.memslots;

import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.views.gpa.EcamWindow;
import dev.memscope.views.gpa.GpaSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * What the band draws, independent of zoom: one lane with the VMM's memory map (RAM and the ECAM window) and one lane
 * per address space that has memslots, each slot a segment and the gaps between them segments too. Pure data.
 *
 * @param extentGpa the end of the band: 4 GiB, or the next power of two past the highest slot or window
 */
public record BandLayout(List<Lane> lanes, long extentGpa, EcamWindow ecam, long ramBytes) {

    /** A lane of the band. */
    public record Lane(String label, int asId, List<Segment> segments) {
        public Lane {
            segments = List.copyOf(segments);
        }
    }

    /** What a segment is. */
    public enum SegmentKind {
        RAM, ECAM, SLOT, GAP
    }

    /** A range [startGpa, endGpa) of one lane; {@code slot} for SLOT segments, else null. */
    public record Segment(long startGpa, long endGpa, SegmentKind kind, MemslotInfo slot) {
        public long bytes() {
            return endGpa - startGpa;
        }
    }

    public BandLayout {
        lanes = List.copyOf(lanes);
    }

    public static BandLayout of(GpaSpace space, List<MemslotInfo> deleted) {
        long highest = 4L << 30;
        EcamWindow ecam = space.ecam();
        if (ecam != null) {
            highest = Math.max(highest, ecam.end());
        }
        List<Lane> lanes = new ArrayList<>();
        List<Segment> vmm = new ArrayList<>();
        if (space.ramBytes() > 0) {
            vmm.add(new Segment(0, space.ramBytes(), SegmentKind.RAM, null));
        }
        if (ecam != null) {
            vmm.add(new Segment(ecam.base(), ecam.end(), SegmentKind.ECAM, null));
        }
        for (int as = 0; as < space.addressSpaces(); as++) {
            for (MemslotInfo s : space.slots(as)) {
                highest = Math.max(highest, s.gpaEnd());
            }
        }
        for (MemslotInfo s : deleted) {
            highest = Math.max(highest, s.gpaEnd());
        }
        long extent = Long.highestOneBit(highest - 1) << 1;
        lanes.add(new Lane("VMM map", -1, vmm));
        int spaces = Math.max(1, space.addressSpaces());
        for (int as = 0; as < spaces; as++) {
            List<Segment> segs = new ArrayList<>();
            long cursor = 0;
            for (MemslotInfo s : space.slots(as)) {
                if (s.gpaStart() > cursor) {
                    segs.add(new Segment(cursor, s.gpaStart(), SegmentKind.GAP, null));
                }
                segs.add(new Segment(s.gpaStart(), s.gpaEnd(), SegmentKind.SLOT, s));
                cursor = s.gpaEnd();
            }
            if (cursor < extent) {
                segs.add(new Segment(cursor, extent, SegmentKind.GAP, null));
            }
            lanes.add(new Lane(as == 0 ? "memslots" : "as " + as + " (SMM)", as, segs));
        }
        return new BandLayout(lanes, extent, ecam, space.ramBytes());
    }

    /** The segment of {@code lane} at {@code gpa}, or null. */
    public Segment segmentAt(int lane, long gpa) {
        if (lane < 0 || lane >= lanes.size()) {
            return null;
        }
        List<Segment> segs = lanes.get(lane).segments();
        int lo = 0;
        int hi = segs.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Segment s = segs.get(mid);
            if (gpa < s.startGpa()) {
                hi = mid - 1;
            } else if (gpa >= s.endGpa()) {
                lo = mid + 1;
            } else {
                return s;
            }
        }
        return null;
    }
}
