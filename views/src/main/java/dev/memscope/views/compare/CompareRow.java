package dev.memscope.views.compare;

import java.util.List;

/**
 * A row of the table: a group heading ("Exits to userspace") or one metric with a cell per column.
 */
public record CompareRow(boolean group, String label, String unit, List<CompareCell> cells) {
    public CompareRow {
        cells = List.copyOf(cells);
    }

    static CompareRow heading(String group) {
        return new CompareRow(true, group, "", List.of());
    }

    public CompareCell cell(int column) {
        return column < cells.size() ? cells.get(column) : CompareCell.MISSING;
    }
}
