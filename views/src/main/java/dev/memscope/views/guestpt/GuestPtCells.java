package dev.memscope.views.guestpt;

import dev.memscope.emulator.api.GuestWalk;
import dev.memscope.views.common.Hex;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableRow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/** The cells of the guest page-table pane: rows, the index/gva column, the decoded flags, and walk steps. */
final class GuestPtCells {
    static final PseudoClass AD_CHANGED = PseudoClass.getPseudoClass("ad-changed");
    static final PseudoClass OTHER_CHANGED = PseudoClass.getPseudoClass("other-changed");
    static final PseudoClass CHANGED_BELOW = PseudoClass.getPseudoClass("changed-below");

    private GuestPtCells() {
    }

    /** A row: change highlight, the whole entry on hover, translate and break actions. */
    static final class Row extends TreeTableRow<GuestPtRow> {
        private final Tooltip tooltip = new Tooltip();
        private final MenuItem translate = new MenuItem("Translate this gva");
        private final MenuItem breakItem = new MenuItem("Break when the guest touches this page");
        private final ContextMenu menu = new ContextMenu(translate, breakItem);

        Row(GuestPtViewModel model) {
            getStyleClass().add(GuestPtView.ROW_CLASS);
            tooltip.setShowDelay(Duration.millis(300));
            tooltip.setShowDuration(Duration.seconds(30));
            tooltip.getStyleClass().add(GuestPtView.TOOLTIP_CLASS);
            translate.setId("guestpt-translate-row");
            translate.setOnAction(e -> model.translate(getItem()));
            breakItem.setId("guestpt-break-page");
            breakItem.setOnAction(e -> model.breakOnPage(getItem()));
        }

        @Override
        protected void updateItem(GuestPtRow row, boolean empty) {
            super.updateItem(row, empty);
            boolean has = !empty && row != null;
            pseudoClassStateChanged(AD_CHANGED, has && row.adChanged());
            pseudoClassStateChanged(OTHER_CHANGED, has && !row.adChanged() && row.otherChanged());
            pseudoClassStateChanged(CHANGED_BELOW, has && !row.adChanged() && !row.otherChanged()
                    && row.changedBelow());
            if (!has) {
                setTooltip(null);
                setContextMenu(null);
                return;
            }
            tooltip.setText(describe(row));
            setTooltip(tooltip);
            translate.setDisable(row.isRoot());
            breakItem.setDisable(!row.isLeaf());
            breakItem.setText(row.isLeaf() ? "Break when the guest touches gpa "
                    + Hex.of(Pte.address(row.entry(), row.level())) + " (" + Pte.sizeName(row.level()) + ")"
                    : "Break when the guest touches this page (leaves only)");
            setContextMenu(row.isRoot() ? null : menu);
        }

        static String describe(GuestPtRow row) {
            if (row.isRoot()) {
                return "CR3 " + Hex.of(row.entry()) + ": the PML4 at gpa " + Hex.of(row.table().gpa());
            }
            StringBuilder sb = new StringBuilder();
            sb.append(Pte.entryName(row.level())).append(' ').append(row.index()).append(" of the table at gpa ")
                    .append(Hex.of(row.table().gpa())).append("  (entry at gpa ").append(Hex.of(row.entryGpa()))
                    .append(")\n");
            sb.append("covers gva ").append(Hex.of(row.gva())).append(" + ").append(Pte.sizeName(row.level()))
                    .append('\n');
            sb.append("entry ").append(Hex.padded(row.entry(), 16)).append('\n');
            sb.append(Pte.summary(row.entry(), row.level()));
            if (row.adChanged() || row.otherChanged()) {
                sb.append("\n\nat the previous stop: ").append(Hex.padded(row.oldEntry(), 16)).append("\n  ")
                        .append(Pte.summary(row.oldEntry(), row.level()));
            }
            return sb.toString();
        }
    }

    /** The tree column: a chip for the kind of entry, its index and gva. */
    static final class Entry extends TreeTableCell<GuestPtRow, GuestPtRow> {
        private final Rectangle chip = new Rectangle(10, 10);

        Entry() {
            getStyleClass().add(GuestPtView.MONO_CLASS);
            chip.setArcWidth(3);
            chip.setArcHeight(3);
        }

        @Override
        protected void updateItem(GuestPtRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            chip.setFill(GuestPtColours.of(row));
            setGraphic(chip);
            setText(row.label());
        }
    }

    /** The decoded entry: one small label per flag (A/D changes marked), then where it points. */
    static final class Flags extends TreeTableCell<GuestPtRow, GuestPtRow> {
        private final HBox box = new HBox(1);

        Flags() {
            getStyleClass().add(GuestPtView.FLAGS_CELL_CLASS);
            box.getStyleClass().add(GuestPtView.FLAGS_CLASS);
        }

        @Override
        protected void updateItem(GuestPtRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            box.getChildren().clear();
            if (row.isRoot()) {
                box.getChildren().add(text("4-level paging"));
            } else if (!Pte.present(row.entry())) {
                box.getChildren().add(text(Pte.flagText(row.entry(), row.level())));
            } else {
                for (Pte.Flag f : Pte.flags(row.entry(), row.level())) {
                    Label l = new Label(f.name());
                    l.getStyleClass().add(GuestPtView.FLAG_CLASS);
                    if (row.compared() && ((row.entry() ^ row.oldEntry()) & f.bit()) != 0) {
                        l.getStyleClass().add(GuestPtView.FLAG_CHANGED_CLASS);
                    }
                    box.getChildren().add(l);
                }
                long gone = row.compared() ? row.oldEntry() & ~row.entry() & (Pte.A | Pte.D) : 0;
                if ((gone & Pte.A) != 0) {
                    box.getChildren().add(cleared("A"));
                }
                if ((gone & Pte.D) != 0) {
                    box.getChildren().add(cleared("D"));
                }
                box.getChildren().add(text("\u2192" + Hex.of(Pte.address(row.entry(), row.level()))));
            }
            setGraphic(box);
        }

        private static Label text(String s) {
            Label l = new Label(s);
            l.getStyleClass().add(GuestPtView.MONO_CLASS);
            return l;
        }

        private static Label cleared(String name) {
            Label l = new Label("\u2212" + name);
            l.getStyleClass().addAll(GuestPtView.FLAG_CLASS, GuestPtView.FLAG_CLEARED_CLASS);
            return l;
        }
    }

    /** One level of a walk, on two lines: the table, index and entry; then the entry decoded. */
    static final class Step extends ListCell<GuestWalk.Step> {
        private final Label head = new Label();
        private final Label decoded = new Label();
        private final VBox box = new VBox(1, head, decoded);

        Step() {
            head.getStyleClass().add(GuestPtView.MONO_CLASS);
            decoded.getStyleClass().addAll(GuestPtView.MONO_CLASS, GuestPtView.WALK_DECODED_CLASS);
        }

        @Override
        protected void updateItem(GuestWalk.Step s, boolean empty) {
            super.updateItem(s, empty);
            setText(null);
            if (empty || s == null) {
                setGraphic(null);
                return;
            }
            head.setText(String.format("%-5s %s[%d] = %s", Pte.entryName(s.level()), Hex.of(s.tableGpa()), s.index(),
                    Hex.padded(s.entry(), 16)));
            decoded.setText("      " + Pte.flagText(s.entry(), s.level()) + (Pte.present(s.entry())
                    ? " \u2192 " + (Pte.isLeaf(s.entry(), s.level()) ? "page " : "table ")
                    + Hex.of(Pte.address(s.entry(), s.level())) : ""));
            setGraphic(box);
        }
    }
}
