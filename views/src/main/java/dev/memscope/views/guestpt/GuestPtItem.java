package dev.memscope.views.guestpt;

import java.util.Set;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/** A tree item whose children are made when first asked for (on expansion). */
final class GuestPtItem extends TreeItem<GuestPtRow> {
    private final GuestPtForest forest;
    private final boolean showEmpty;
    private final Set<String> expandedKeys;
    private final boolean leaf;
    private boolean loaded;

    GuestPtItem(GuestPtForest forest, GuestPtRow row, boolean showEmpty, Set<String> expandedKeys) {
        super(row);
        this.forest = forest;
        this.showEmpty = showEmpty;
        this.expandedKeys = expandedKeys;
        this.leaf = !forest.hasChildren(row, showEmpty);
        if (!leaf && expandedKeys.contains(row.key())) {
            setExpanded(true);
        }
    }

    @Override
    public boolean isLeaf() {
        return leaf;
    }

    @Override
    public ObservableList<TreeItem<GuestPtRow>> getChildren() {
        if (!loaded) {
            loaded = true;
            super.getChildren().setAll(forest.children(getValue(), showEmpty).stream()
                    .map(r -> (TreeItem<GuestPtRow>) new GuestPtItem(forest, r, showEmpty, expandedKeys)).toList());
        }
        return super.getChildren();
    }

    boolean isLoaded() {
        return loaded;
    }
}
