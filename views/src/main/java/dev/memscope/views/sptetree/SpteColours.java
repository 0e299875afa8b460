package dev.memscope.views.sptetree;

import javafx.scene.paint.Color;

/** The colour of each kind of SPTE (row chips and the legend) and of the change highlight (also in the CSS). */
final class SpteColours {
    /** Row background of an entry changed since the previous stop; {@code .sptetree-table :changed} in the CSS. */
    static final Color CHANGED = Color.web("#ffd966");
    /** Row background of an entry with a change somewhere below it; {@code :changed-below} in the CSS. */
    static final Color CHANGED_BELOW = Color.web("#fff3cc");

    private SpteColours() {
    }

    static Color of(SpteKind kind) {
        return switch (kind) {
            case ROOT -> Color.web("#4c566a");
            case TABLE -> Color.web("#5e81ac");
            case LEAF_WRITABLE -> Color.web("#2e8b57");
            case LEAF_READONLY -> Color.web("#0097a7");
            case MMIO -> Color.web("#8e44ad");
            case NOT_PRESENT -> Color.web("#9e9e9e");
            case EMPTY -> Color.web("#e5e9f0");
        };
    }
}
