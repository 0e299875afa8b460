package dev.memscope.views.guestpt;

import dev.memscope.emulator.api.GuestTables;
import dev.memscope.views.common.LazyTreeItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guest's tables of one stop, diffed against the previous stop, walked lazily from CR3. Tables are found by gpa;
 * a table reachable twice appears under both entries (with the gvas of each path).
 */
public final class GuestPtForest implements LazyTreeItem.Source<GuestPtRow> {
    private final GuestTables tables;
    private final Map<Long, GuestTables.Table> byGpa = new HashMap<>();
    private final Map<Long, GuestTables.Table> previousByGpa = new HashMap<>();
    private final boolean compared;
    private final Map<Long, Boolean> adBelow = new HashMap<>();
    private final GuestTables.Table root;
    private int adChanges;
    private int otherChanges;
    private int mappings;

    /** @param previous the tables at the previous stop, or null */
    public GuestPtForest(GuestTables tables, GuestTables previous) {
        this.tables = tables;
        for (GuestTables.Table t : tables.tables()) {
            byGpa.putIfAbsent(t.gpa(), t);
        }
        compared = previous != null;
        if (previous != null) {
            for (GuestTables.Table t : previous.tables()) {
                previousByGpa.putIfAbsent(t.gpa(), t);
            }
        }
        GuestTables.Table r = byGpa.get(tables.cr3() & Pte.ADDR_MASK);
        root = r != null && r.level() == 4 ? r : null;
        if (root != null) {
            scan(root, new HashSet<>());
        }
    }

    public GuestTables tables() {
        return tables;
    }

    public GuestPtRow rootRow() {
        return root == null ? null : new GuestPtRow(root, -1, tables.cr3(), tables.cr3(), compared, 0, null,
                adBelow.getOrDefault(root.gpa(), false));
    }

    /** Rows of the table {@code row} expands into; not-present (zero) entries only when {@code showEmpty}. */
    @Override
    public List<GuestPtRow> children(GuestPtRow row, boolean showEmpty) {
        GuestTables.Table t = row.expandsInto();
        if (t == null) {
            return List.of();
        }
        GuestTables.Table before = previousByGpa.get(t.gpa());
        List<GuestPtRow> out = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            long e = t.entry(i);
            if (e == 0 && !showEmpty) {
                continue;
            }
            long gva = Pte.canonical(row.gva() + i * Pte.span(t.level()));
            GuestTables.Table child = childOf(t, e);
            out.add(new GuestPtRow(t, i, e, before == null ? 0 : before.entry(i), compared, gva, child,
                    child != null && adBelow.getOrDefault(child.gpa(), false)));
        }
        return out;
    }

    @Override
    public boolean hasChildren(GuestPtRow row, boolean showEmpty) {
        GuestTables.Table t = row.expandsInto();
        if (t == null) {
            return false;
        }
        for (int i = 0; i < 512; i++) {
            if (showEmpty || t.entry(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Entries (among those reachable from CR3) whose A or D bit changed since the previous stop. */
    public int adChanges() {
        return adChanges;
    }

    public int otherChanges() {
        return otherChanges;
    }

    /** Present leaf entries reachable from CR3. */
    public int mappings() {
        return mappings;
    }

    public boolean compared() {
        return compared;
    }

    private GuestTables.Table childOf(GuestTables.Table t, long e) {
        if (!Pte.present(e) || Pte.isLeaf(e, t.level())) {
            return null;
        }
        GuestTables.Table c = byGpa.get(Pte.address(e, t.level()));
        return c != null && c.level() == t.level() - 1 ? c : null;
    }

    private boolean scan(GuestTables.Table t, Set<Long> seen) {
        if (!seen.add(t.gpa())) {
            return adBelow.getOrDefault(t.gpa(), false);
        }
        GuestTables.Table before = previousByGpa.get(t.gpa());
        boolean any = false;
        for (int i = 0; i < 512; i++) {
            long e = t.entry(i);
            long old = before == null ? 0 : before.entry(i);
            if (compared && ((e ^ old) & (Pte.A | Pte.D)) != 0) {
                adChanges++;
                any = true;
            }
            if (compared && ((e ^ old) & ~(Pte.A | Pte.D)) != 0) {
                otherChanges++;
            }
            if (Pte.present(e) && Pte.isLeaf(e, t.level())) {
                mappings++;
            }
            GuestTables.Table c = childOf(t, e);
            if (c != null && scan(c, seen)) {
                any = true;
            }
        }
        adBelow.put(t.gpa(), any);
        return any;
    }
}
