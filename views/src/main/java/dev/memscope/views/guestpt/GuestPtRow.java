package dev.memscope.views.guestpt;

import dev.memscope.emulator.api.GuestTables;
import dev.memscope.views.common.Hex;

/**
 * One row of the guest's page-table tree: the root (CR3, {@code index} -1) or one entry, with the gva range it covers
 * and its value at the previous stop.
 *
 * @param table the table holding the entry (for the root row: the PML4)
 * @param gva the first gva the entry covers (canonical)
 * @param oldEntry the entry at the previous stop (0 when the table was not there)
 * @param compared whether there is a previous stop to compare with
 * @param child the table a present non-leaf entry points to, if the copy has it
 * @param changedBelow an entry below this row had its A or D bit change
 */
public record GuestPtRow(GuestTables.Table table, int index, long entry, long oldEntry, boolean compared, long gva,
        GuestTables.Table child, boolean changedBelow) {

    public boolean isRoot() {
        return index < 0;
    }

    public int level() {
        return table.level();
    }

    /** A or D differ from the previous stop. */
    public boolean adChanged() {
        return compared && ((entry ^ oldEntry) & (Pte.A | Pte.D)) != 0;
    }

    /** Some other bit differs from the previous stop (a new mapping, a changed address or permission). */
    public boolean otherChanged() {
        return compared && ((entry ^ oldEntry) & ~(Pte.A | Pte.D)) != 0;
    }

    public boolean isLeaf() {
        return !isRoot() && Pte.present(entry) && Pte.isLeaf(entry, level());
    }

    public GuestTables.Table expandsInto() {
        return isRoot() ? table : child;
    }

    /** {@code 384 0xb0000000} (index, gva), or {@code CR3 0x10000}. */
    public String label() {
        return isRoot() ? "CR3 " + Hex.of(entry) : String.format("%3d %s", index, Hex.of(gva));
    }

    /** The gpa of the entry itself (table gpa + index * 8). */
    public long entryGpa() {
        return table.gpa() + Math.max(index, 0) * 8L;
    }

    public String key() {
        return Long.toHexString(table.gpa()) + ":" + index + ":" + Long.toHexString(gva);
    }
}
