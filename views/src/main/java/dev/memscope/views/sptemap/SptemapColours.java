package dev.memscope.views.sptemap;

import dev.memscope.views.common.Legend;
import javafx.scene.paint.Color;

/** One colour per {@link SpteClass}, and the legend, most notable first. */
public final class SptemapColours {
    private static final Color[] COLOURS = {
        Color.web("#d5dadf"), // not loaded (striped)
        Color.web("#eef1f4"), // not present
        Color.web("#9aa9b3"), // no memslot
        Color.web("#7fcfc4"), // read-only
        Color.web("#2e8b57"), // writable
        Color.web("#3f6fb5"), // huge
        Color.web("#f4a83a"), // prefetched
        Color.web("#8e44ad"), // dirty
        Color.web("#d7263d"), // MMIO SPTE
    };
    public static final Color BACKGROUND = Color.WHITE;

    private SptemapColours() {
    }

    public static Color of(SpteClass c) {
        return COLOURS[c.ordinal()];
    }

    /** ARGB per class code, for the raster. */
    public static int[] palette() {
        int[] out = new int[COLOURS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = argb(COLOURS[i]);
        }
        return out;
    }

    public static int argb(Color c) {
        return (int) Math.round(c.getOpacity() * 255) << 24 | (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
    }

    public static Legend legend() {
        Legend legend = new Legend();
        SpteClass[] order = SpteClass.values();
        for (int i = order.length - 1; i >= 0; i--) {
            legend.add(of(order[i]), order[i].words());
        }
        return legend;
    }
}
