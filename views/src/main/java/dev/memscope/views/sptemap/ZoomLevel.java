package dev.memscope.views.sptemap;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of the zoom ladder: how many gfns a cell stands for and how many pixels wide it is. Zoomed out, cells stand
 * for 2 to 1M gfns at 2 pixels; zoomed in, one gfn is 2 to 28 pixels.
 */
public record ZoomLevel(int gfnsPerCell, int cellPx) {
    /** Coarsest first. */
    public static final List<ZoomLevel> LADDER = ladder();

    private static List<ZoomLevel> ladder() {
        List<ZoomLevel> out = new ArrayList<>();
        for (int g = 1 << 20; g >= 2; g >>= 1) {
            out.add(new ZoomLevel(g, 2));
        }
        for (int px : new int[] {2, 3, 4, 6, 8, 12, 16, 20, 28}) {
            out.add(new ZoomLevel(1, px));
        }
        return List.copyOf(out);
    }

    public boolean aggregated() {
        return gfnsPerCell > 1;
    }

    public String describe() {
        return aggregated() ? String.format("%,d gfns per cell", gfnsPerCell)
                : String.format("1 gfn per cell, %d px", cellPx);
    }
}
