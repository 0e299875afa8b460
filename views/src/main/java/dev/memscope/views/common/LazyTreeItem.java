package dev.memscope.views.common;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A tree item whose children are made the first time they are asked for (when the user expands it), so a tree of
 * thousands of tables costs only the rows someone opened. Items reopen where the last tree had them open: a row
 * whose key is in {@code expandedKeys} starts expanded.
 *
 * @param <R> the row type
 */
public final class LazyTreeItem<R> extends TreeItem<R> {
    /** Where the rows come from (the guest page-table forest, the SPTE forest). */
    public interface Source<R> {
        /** The rows {@code row} expands into; empty entries only when {@code showEmpty}. */
        List<R> children(R row, boolean showEmpty);

        boolean hasChildren(R row, boolean showEmpty);
    }

    private final Source<R> source;
    private final Function<R, String> key;
    private final boolean showEmpty;
    private final Set<String> expandedKeys;
    private final boolean leaf;
    private boolean loaded;

    public LazyTreeItem(Source<R> source, Function<R, String> key, R row, boolean showEmpty,
            Set<String> expandedKeys) {
        super(row);
        this.source = source;
        this.key = key;
        this.showEmpty = showEmpty;
        this.expandedKeys = expandedKeys;
        this.leaf = !source.hasChildren(row, showEmpty);
        if (!leaf && expandedKeys.contains(key.apply(row))) {
            setExpanded(true);
        }
    }

    @Override
    public boolean isLeaf() {
        return leaf;
    }

    @Override
    public ObservableList<TreeItem<R>> getChildren() {
        if (!loaded) {
            loaded = true;
            super.getChildren().setAll(source.children(getValue(), showEmpty).stream()
                    .map(r -> (TreeItem<R>) new LazyTreeItem<>(source, key, r, showEmpty, expandedKeys)).toList());
        }
        return super.getChildren();
    }

    /** Adds the keys of every expanded row under {@code item} whose children were made, for the next tree. */
    public static <R> void collectExpanded(TreeItem<R> item, Function<R, String> key, Set<String> out) {
        if (item == null || !item.isExpanded() || !(item instanceof LazyTreeItem<R> lazy) || !lazy.loaded) {
            return;
        }
        out.add(key.apply(item.getValue()));
        for (TreeItem<R> child : item.getChildren()) {
            collectExpanded(child, key, out);
        }
    }
}
