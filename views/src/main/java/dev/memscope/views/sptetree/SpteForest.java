package dev.memscope.views.sptetree;

import dev.memscope.emulator.api.SpteBits.Format;
import dev.memscope.emulator.api.SpteBits;
import dev.memscope.emulator.api.SpteTableNode;
import dev.memscope.emulator.api.SpteTree;
import dev.memscope.views.common.LazyTreeItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SPTE tree of one stop, diffed against the tree of the previous stop, and walked lazily: rows for a table's
 * entries are made only when asked (when the user expands it). Immutable after construction.
 */
public final class SpteForest implements LazyTreeItem.Source<SpteRow> {
    private final SpteTree tree;
    private final Format format;
    private final Map<Long, SpteTableNode> byPfn = new HashMap<>();
    private final Map<Long, SpteTableNode> previousByPfn = new HashMap<>();
    private final boolean hasPrevious;
    private final Map<Long, Boolean> changedBelow = new HashMap<>();
    private final SpteTableNode root;
    private int reachableTables;
    private int presentLeaves;
    private int mmioSptes;
    private int changed;

    /** @param previous the tree of the previous stop, or null (then nothing is marked changed) */
    public SpteForest(SpteTree tree, SpteTree previous) {
        this.tree = tree;
        this.format = tree.ept() ? Format.EPT : Format.PT;
        for (SpteTableNode t : tree.tables()) {
            byPfn.put(t.tablePfn(), t);
        }
        hasPrevious = previous != null;
        if (previous != null) {
            for (SpteTableNode t : previous.tables()) {
                previousByPfn.put(t.tablePfn(), t);
            }
        }
        root = byPfn.get(tree.rootPfn());
        if (root != null) {
            count(root, new HashSet<>());
        }
    }

    public SpteTree tree() {
        return tree;
    }

    public Format format() {
        return format;
    }

    /** The row for the root sp, or null when the tree has no root yet (nothing faulted). */
    public SpteRow rootRow() {
        return root == null ? null : new SpteRow(format, root, -1, 0, 0, false, null, changedBelow(root));
    }

    /** The rows of the sp {@code row} expands into; empty entries only when {@code showEmpty}. */
    @Override
    public List<SpteRow> children(SpteRow row, boolean showEmpty) {
        SpteTableNode t = row.expandsInto();
        if (t == null) {
            return List.of();
        }
        List<SpteRow> out = new ArrayList<>();
        SpteTableNode before = previousByPfn.get(t.tablePfn());
        for (int i = 0; i < 512; i++) {
            long spte = t.spte(i);
            if (spte == 0 && !showEmpty) {
                continue;
            }
            out.add(rowFor(t, i, before));
        }
        return out;
    }

    /** Whether the row has children to show ({@code showEmpty}: every sp has 512). */
    @Override
    public boolean hasChildren(SpteRow row, boolean showEmpty) {
        SpteTableNode t = row.expandsInto();
        if (t == null) {
            return false;
        }
        if (showEmpty) {
            return true;
        }
        for (int i = 0; i < 512; i++) {
            if (t.spte(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Tables reachable from the root. */
    public int reachableTables() {
        return reachableTables;
    }

    /** sps in the copy that hang below no entry of this root (other roots, obsolete or invalid pages). */
    public int otherTables() {
        return tree.tables().size() - reachableTables;
    }

    public int presentLeaves() {
        return presentLeaves;
    }

    public int mmioSptes() {
        return mmioSptes;
    }

    /** Entries whose value differs from the previous stop, among the tables reachable from the root. */
    public int changedCount() {
        return changed;
    }

    public boolean hasPrevious() {
        return hasPrevious;
    }

    private SpteRow rowFor(SpteTableNode t, int i, SpteTableNode before) {
        long spte = t.spte(i);
        long old = before == null ? 0 : before.spte(i);
        boolean isChanged = hasPrevious && spte != old;
        SpteTableNode child = childOf(t, spte);
        return new SpteRow(format, t, i, spte, old, isChanged, child, child != null && changedBelow(child));
    }

    private SpteTableNode childOf(SpteTableNode t, long spte) {
        if (!SpteBits.isShadowPresent(spte) || SpteBits.isLast(spte, t.level())) {
            return null;
        }
        return byPfn.get(SpteBits.pfn(spte));
    }

    private boolean changedBelow(SpteTableNode t) {
        return changedBelow.getOrDefault(t.tablePfn(), false);
    }

    /** One pass over the reachable tables: counts, and which subtrees hold a change. */
    private boolean count(SpteTableNode t, Set<Long> seen) {
        if (!seen.add(t.tablePfn())) {
            return changedBelow(t);
        }
        reachableTables++;
        SpteTableNode before = previousByPfn.get(t.tablePfn());
        boolean any = false;
        for (int i = 0; i < 512; i++) {
            long spte = t.spte(i);
            long old = before == null ? 0 : before.spte(i);
            if (hasPrevious && spte != old) {
                changed++;
                any = true;
            }
            SpteKind kind = SpteKind.of(format, spte, t.level());
            if (kind == SpteKind.MMIO) {
                mmioSptes++;
            } else if (kind == SpteKind.LEAF_READONLY || kind == SpteKind.LEAF_WRITABLE) {
                presentLeaves++;
            }
            SpteTableNode child = childOf(t, spte);
            if (child != null && count(child, seen)) {
                any = true;
            }
        }
        changedBelow.put(t.tablePfn(), any);
        return any;
    }
}
