package dev.memscope.views.sptetree;

import dev.memscope.emulator.api.SpteBits.Format;
import dev.memscope.emulator.api.SpteTableNode;
import dev.memscope.views.common.Hex;

/**
 * One row of the SPTE tree: the root sp ({@code index} -1), or one entry of an sp with its value now and at the last
 * stop. Plain data; {@link SpteForest} makes rows, the view shows them.
 *
 * @param table the sp holding the entry (for the root row: the root sp itself)
 * @param oldSpte the entry's value in the tree of the previous stop (0 for a table that did not exist then)
 * @param changed the value differs from the previous stop (false when there is no previous tree)
 * @param child the sp a shadow-present non-leaf entry points to, or null
 * @param changedBelow some entry in the subtree under this row changed
 */
public record SpteRow(Format format, SpteTableNode table, int index, long spte, long oldSpte, boolean changed,
        SpteTableNode child, boolean changedBelow) {

    public boolean isRoot() {
        return index < 0;
    }

    /** The level of the entry: the level of the sp that holds it (1 = 4K leaves). */
    public int level() {
        return table.level();
    }

    public SpteKind kind() {
        return isRoot() ? SpteKind.ROOT : SpteKind.of(format, spte, table.level());
    }

    /** The sp this row expands into: the root sp for the root row, the child sp for a non-leaf entry. */
    public SpteTableNode expandsInto() {
        return isRoot() ? table : child;
    }

    /** Gfns one entry at this level covers: 1, 512, 512*512, ... */
    public long pagesCovered() {
        return 1L << (9 * (table.level() - 1));
    }

    /** The first gfn the entry covers ({@code kvm_mmu_page_get_gfn()} for direct sps). */
    public long gfn() {
        return table.gfn() + (Math.max(index, 0) * pagesCovered());
    }

    /** The first gva the entry covers, for indirect sps (shadow paging). */
    public long gva() {
        return table.gva() + ((long) Math.max(index, 0) * pagesCovered() << 12);
    }

    /** The pseudo physical address of the entry ({@code virt_to_phys(sptep)} as the tracepoints print it). */
    public long sptep() {
        return table.tablePfn() << 12 | (long) Math.max(index, 0) * 8;
    }

    /** {@code [384] 0xb0000-0xb01ff} (gfns), {@code [ 40] 0xb0028}, {@code [  5] gva 0x7fff0000}, or the root. */
    public String label() {
        if (isRoot()) {
            return "root " + Hex.of(table.tablePfn());
        }
        String idx = String.format("[%3d] ", index);
        if (!table.direct()) {
            return idx + "gva " + Hex.of(gva());
        }
        long pages = pagesCovered();
        return pages == 1 ? idx + Hex.of(gfn()) : idx + Hex.of(gfn()) + "\u2013" + Hex.of(gfn() + pages - 1);
    }

    /** A key that survives refreshes: the sp's pfn and the index. */
    public String key() {
        return Long.toHexString(table.tablePfn()) + ":" + index;
    }
}
