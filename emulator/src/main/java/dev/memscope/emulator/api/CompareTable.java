package dev.memscope.emulator.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of {@code memscope compare} for one guest: the same guest run under each hole variant (and, when both
 * backends ran, under the model and under real KVM), as a table whose rows are metrics and whose columns are runs.
 * Immutable; filled in off the JavaFX thread by whoever ran the comparison.
 *
 * @param guest the guest's name
 * @param columns one per run, in display order; a model run and a kernel run of the same variant sit side by side
 * @param rows the metrics, in display order, each with one value per column
 * @param consoleIdentical whether every run wrote byte-identical console output and exit code
 * @param differences findings in words, one line each (for example a model count the kernel disagrees with)
 */
public record CompareTable(String guest, List<Column> columns, List<Row> rows, boolean consoleIdentical,
        List<String> differences) {

    /** Exits to userspace, all reasons together ({@code exits.*} summed): the chart's first metric. */
    public static final String EXITS_TOTAL = "exits.total";
    /** Host memory allocated to serve the hole, in bytes ({@code holeHostBytes} of {@code run --json}). */
    public static final String HOLE_HOST_BYTES = "holeHostBytes";
    /** Modelled time of the run (cost model), in nanoseconds. */
    public static final String MODELLED_NANOS = "modelledNanos";
    /** Host time spent running the guest, in nanoseconds (meaningful for real KVM). */
    public static final String WALL_NANOS = "wallNanos";

    /**
     * One run.
     *
     * @param backend {@code sim} (the model) or {@code kvm} (the machine's /dev/kvm)
     * @param supported false when the backend cannot run this variant (ALLONES and PCI_HOLE on a stock kernel);
     *        its values are then all missing and {@code note} says why
     * @param note a short remark for the column's header tooltip, or empty
     */
    public record Column(HoleVariant variant, String backend, MmuMode mmu, boolean supported, String note) {
        public boolean isKernel() {
            return "kvm".equals(backend);
        }
    }

    /**
     * One metric.
     *
     * @param key a stable name: a KVM stat ({@code pf_fixed}), {@code exits.MMIO}, or one of this record's constants
     * @param group the section the row belongs to ("Exits to userspace", "Kernel", "Memory", "Time")
     * @param label the row's text ("MMIO", "in-kernel emulations", ...)
     * @param unit {@code count}, {@code bytes} or {@code ns}
     * @param values one per column, in column order; null where the run did not measure it (a kernel run cannot see
     *        SPTEs; a model run has no measured time; an unsupported variant has nothing)
     * @param backendsShouldAgree whether a model value and a kernel value of the same variant are expected to be
     *        equal (counts of exits: yes; times: no), so that a difference is a finding
     */
    public record Row(String key, String group, String label, String unit, List<Long> values,
            boolean backendsShouldAgree) {
        public Row {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        public Long value(int column) {
            return values.get(column);
        }
    }

    public CompareTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        differences = List.copyOf(differences);
        for (Row r : rows) {
            if (r.values().size() != columns.size()) {
                throw new IllegalArgumentException("row " + r.key() + " has " + r.values().size() + " values for "
                        + columns.size() + " columns");
            }
        }
    }

    /** The row with this key, or null. */
    public Row row(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    /** Whether both backends ran (so that model and kernel columns can be compared). */
    public boolean bothBackends() {
        return columns.stream().anyMatch(Column::isKernel) && columns.stream().anyMatch(c -> !c.isKernel());
    }
}
