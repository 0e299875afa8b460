package dev.memscope.views.sptetree;

import java.util.Set;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A tree item whose children are made the first time they are asked for (when the user expands it), so a tree of
 * thousands of sps costs only the rows someone opened.
 */
final class SpteItem extends TreeItem<SpteRow> {
    private final SpteForest forest;
    private final boolean showEmpty;
    private final Set<String> expandedKeys;
    private final boolean leaf;
    private boolean loaded;

    SpteItem(SpteForest forest, SpteRow row, boolean showEmpty, Set<String> expandedKeys) {
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
    public ObservableList<TreeItem<SpteRow>> getChildren() {
        if (!loaded) {
            loaded = true;
            super.getChildren().setAll(forest.children(getValue(), showEmpty).stream()
                    .map(r -> (TreeItem<SpteRow>) new SpteItem(forest, r, showEmpty, expandedKeys)).toList());
        }
        return super.getChildren();
    }

    boolean isLoaded() {
        return loaded;
    }
}
