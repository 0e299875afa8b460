package dev.memscope.views.sptemap;

import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.views.gpa.EcamWindow;
import dev.memscope.views.gpa.MemslotFlags;

/**
 * What the map shows: one memslot, or the whole ECAM window (slotted or not).
 *
 * @param slotId the memslot's id, or -1 for the ECAM window
 */
public record MapRegion(String label, int asId, int slotId, long firstGfn, long pages, boolean ecam) {

    public static MapRegion of(MemslotInfo s) {
        String kind = s.flags() == 0 ? "memory" : MemslotFlags.describe(s.flags());
        return new MapRegion(String.format("slot %d%s \u00b7 %s \u00b7 gpa 0x%x-0x%x \u00b7 %,d gfns", s.id(),
                s.asId() == 0 ? "" : " (as " + s.asId() + ")", kind, s.gpaStart(), s.gpaEnd(), s.npages()),
                s.asId(), s.id(), s.baseGfn(), s.npages(), false);
    }

    public static MapRegion of(EcamWindow w) {
        return new MapRegion(String.format("ECAM window \u00b7 gpa 0x%x-0x%x \u00b7 %d buses \u00b7 %,d gfns", w.base(),
                w.end(), w.buses(), w.pages()), 0, -1, w.firstGfn(), w.pages(), true);
    }

    public long endGfn() {
        return firstGfn + pages;
    }

    /** The same region in another snapshot: same slot (or window) and address space. */
    public boolean sameAs(MapRegion other) {
        return other != null && asId == other.asId && slotId == other.slotId && ecam == other.ecam;
    }

    @Override
    public String toString() {
        return label;
    }
}
