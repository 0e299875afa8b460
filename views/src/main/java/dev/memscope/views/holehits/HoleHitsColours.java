package dev.memscope.views.holehits;

import dev.memscope.views.common.Legend;
import javafx.scene.paint.Color;

/** How an access was served, as a colour, and the legend. */
public final class HoleHitsColours {
    public static final Color EXIT = Color.web("#e8705f");
    public static final Color KERNEL = Color.web("#f2c14e");
    public static final Color MAPPED = Color.web("#5fb49c");
    public static final Color UNTOUCHED = Color.web("#f3f5f7");
    public static final Color GRID = Color.web("#d5dce1");
    public static final Color PRESENT = Color.web("#263238");
    public static final Color SELECTED = Color.web("#1565c0");
    public static final Color TEXT = Color.web("#1b1b1b");
    public static final Color LABEL = Color.web("#37474f");

    private HoleHitsColours() {
    }

    public static Legend legend() {
        return new Legend().add(EXIT, "exit to userspace (reads; every write)").add(KERNEL, "read emulated in kernel")
                .add(MAPPED, "read from a mapped page, no exit").add(UNTOUCHED, "not touched")
                .add(PRESENT, "present device, named below its row");
    }
}
