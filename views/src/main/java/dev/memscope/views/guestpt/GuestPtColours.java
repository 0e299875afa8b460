package dev.memscope.views.guestpt;

import javafx.scene.paint.Color;

/** Colours of the guest page-table pane: entry kinds (chips and legend) and change highlights (also in the CSS). */
final class GuestPtColours {
    static final Color TABLE = Color.web("#5e81ac");
    static final Color LEAF = Color.web("#2e8b57");
    static final Color NOT_PRESENT = Color.web("#c0c6d0");
    static final Color ROOT = Color.web("#4c566a");
    /** {@code :ad-changed} rows and changed flags, in the CSS. */
    static final Color AD_CHANGED = Color.web("#ffd966");
    /** {@code :changed-below} rows, in the CSS. */
    static final Color CHANGED_BELOW = Color.web("#fff3cc");
    /** {@code :other-changed} rows, in the CSS. */
    static final Color OTHER_CHANGED = Color.web("#d6e6f7");

    private GuestPtColours() {
    }

    static Color of(GuestPtRow row) {
        if (row.isRoot()) {
            return ROOT;
        }
        if (!Pte.present(row.entry())) {
            return NOT_PRESENT;
        }
        return row.isLeaf() ? LEAF : TABLE;
    }
}
