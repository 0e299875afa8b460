package dev.memscope.views.memslots;

import dev.memscope.views.common.Legend;
import dev.memscope.views.gpa.SlotKind;
import java.util.Set;
import javafx.scene.paint.Color;

/** The band's colours, and the legend that says what each means. */
public final class MemslotColours {
    public static final Color GAP = Color.web("#eceff1");
    public static final Color GAP_HATCH = Color.web("#cfd8dc");
    public static final Color RAM = Color.web("#a5d6a7");
    public static final Color ECAM = Color.web("#b0bec5");
    public static final Color PRESENT_FUNCTION = Color.web("#263238");
    public static final Color CHANGED = Color.web("#d81b60");
    public static final Color SELECTED = Color.web("#1565c0");
    public static final Color INVALID = Color.web("#e53935");
    public static final Color TEXT = Color.web("#1b1b1b");
    public static final Color OUTLINE = Color.web("#455a64");

    private MemslotColours() {
    }

    public static Color of(SlotKind kind) {
        return switch (kind) {
            case MEMORY -> Color.web("#4caf50");
            case DIRTY_LOGGED -> Color.web("#26a69a");
            case READONLY -> Color.web("#64a0dc");
            case GUEST_MEMFD -> Color.web("#a1887f");
            case ALLONES -> Color.web("#f5a623");
            case PCI_HOLE -> Color.web("#ab7ac7");
        };
    }

    /** A legend of the slot kinds present, then the VMM's regions, gaps and the change marker. */
    public static Legend legend(Set<SlotKind> kinds) {
        Legend legend = new Legend();
        for (SlotKind k : SlotKind.values()) {
            if (kinds.contains(k)) {
                legend.add(of(k), "slot: " + k.words());
            }
        }
        legend.add(GAP, "no memslot");
        legend.add(RAM, "VMM: RAM");
        legend.add(ECAM, "VMM: ECAM window (\u258c present function)");
        legend.add(CHANGED, "changed by the last memslot update");
        return legend;
    }
}
