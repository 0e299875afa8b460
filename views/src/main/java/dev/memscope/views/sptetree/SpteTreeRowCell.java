package dev.memscope.views.sptetree;

import dev.memscope.views.common.Hex;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableRow;
import javafx.util.Duration;

/** One visible row: change highlight, the full decoding on hover, and "Break when this SPTE changes". */
final class SpteTreeRowCell extends TreeTableRow<SpteRow> {
    static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    static final PseudoClass CHANGED_BELOW = PseudoClass.getPseudoClass("changed-below");
    static final PseudoClass EMPTY_ENTRY = PseudoClass.getPseudoClass("empty-entry");
    private final SpteTreeViewModel model;
    private final Tooltip tooltip = new Tooltip();
    private final MenuItem breakItem = new MenuItem("Break when this SPTE changes");
    private final ContextMenu menu = new ContextMenu(breakItem);

    SpteTreeRowCell(SpteTreeViewModel model) {
        this.model = model;
        getStyleClass().add(SpteTreeView.ROW_CLASS);
        tooltip.setShowDelay(Duration.millis(300));
        tooltip.setShowDuration(Duration.seconds(30));
        tooltip.getStyleClass().add(SpteTreeView.TOOLTIP_CLASS);
        breakItem.setId("sptetree-break-spte");
        breakItem.setOnAction(e -> model.breakWhenChanges(getItem()));
    }

    @Override
    protected void updateItem(SpteRow row, boolean empty) {
        super.updateItem(row, empty);
        boolean has = !empty && row != null;
        pseudoClassStateChanged(CHANGED, has && row.changed());
        pseudoClassStateChanged(CHANGED_BELOW, has && !row.changed() && row.changedBelow());
        pseudoClassStateChanged(EMPTY_ENTRY, has && row.kind() == SpteKind.EMPTY);
        pseudoClassStateChanged(dev.memscope.views.common.Highlights.PSEUDO_CLASS, has && model.isHighlighted(row));
        if (!has) {
            setTooltip(null);
            setContextMenu(null);
            return;
        }
        tooltip.setText(describe(row));
        setTooltip(tooltip);
        boolean canBreak = model.canBreakOn(row);
        breakItem.setDisable(!canBreak);
        breakItem.setText(canBreak ? "Break when the SPTE of gfn " + Hex.of(row.gfn()) + " changes"
                : row.table().direct() ? "Break when this SPTE changes (only for entries that map a gfn)"
                : "Break when this SPTE changes (indirect sp: the gfn behind the entry is not in the copy)");
        setContextMenu(menu);
    }

    static String describe(SpteRow row) {
        StringBuilder sb = new StringBuilder();
        if (row.isRoot()) {
            sb.append("root sp, table pfn ").append(Hex.of(row.table().tablePfn())).append('\n');
        } else {
            sb.append("entry ").append(row.index()).append(": ");
            if (row.table().direct()) {
                sb.append(row.pagesCovered() == 1 ? "gfn " + Hex.of(row.gfn())
                        : "gfns " + row.label().substring(6)).append("   gpa ").append(Hex.of(row.gfn() << 12));
            } else {
                sb.append("gva ").append(Hex.of(row.gva()));
            }
            sb.append("\nlevel ").append(row.level()).append(" entry (maps ").append(SpteText.pageSize(row.level()))
                    .append(")   sptep ").append(Hex.of(row.sptep())).append('\n');
            sb.append(SpteText.details(row.format(), row.spte(), row.level())).append('\n');
            if (row.changed()) {
                sb.append("\nchanged since the previous stop; was ").append(Hex.padded(row.oldSpte(), 16))
                        .append(":\n  ").append(SpteText.summary(row.format(), row.oldSpte(), row.level(), null))
                        .append('\n');
            } else if (row.changedBelow()) {
                sb.append("\nan entry below changed since the previous stop\n");
            }
        }
        var sp = row.expandsInto();
        if (sp != null) {
            sb.append("\nsp ").append(Hex.of(sp.tablePfn())).append(sp.direct() ? "  gfn " : "  shadows guest table gfn ")
                    .append(Hex.of(sp.gfn())).append("   role ").append(Hex.padded(sp.role(), 8)).append('\n');
            for (String f : SpRole.fields(sp.role())) {
                sb.append("  ").append(f).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }
}
