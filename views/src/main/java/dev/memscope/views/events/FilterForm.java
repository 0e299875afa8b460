package dev.memscope.views.events;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.MmuMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the filter bar holds, read into an {@link EventFilter}: a typed gfn range and bus/device/function become gfn
 * ranges of the setup's ECAM window; what cannot be read is reported and left out.
 *
 * @param gfnError why the gfn text is ignored, or empty
 * @param bdfError why the bus/device/function text is ignored, or empty
 */
record FilterForm(EventFilter filter, String gfnError, String bdfError) {
    static FilterForm read(Set<EventKind> kinds, String gfnText, String bdfText, MmuMode mmu, long ecamBase,
            int ecamBuses) {
        List<GfnRange> ranges = new ArrayList<>();
        String gfnError = "";
        String bdfError = "";
        if (!gfnText.isBlank()) {
            try {
                ranges.add(GfnRange.parse(gfnText));
            } catch (IllegalArgumentException e) {
                gfnError = e.getMessage();
            }
        }
        if (!bdfText.isBlank()) {
            try {
                BdfPattern bdf = BdfPattern.parse(bdfText);
                if (ecamBuses == 0) {
                    bdfError = "no ECAM window in this setup";
                } else if (bdf.bus() >= ecamBuses) {
                    bdfError = String.format("bus %02x is outside the ECAM window's %d buses", bdf.bus(), ecamBuses);
                } else {
                    ranges.add(bdf.gfns(ecamBase));
                }
            } catch (IllegalArgumentException e) {
                bdfError = e.getMessage();
            }
        }
        return new FilterForm(new EventFilter(kinds, ranges, mmu), gfnError, bdfError);
    }
}
