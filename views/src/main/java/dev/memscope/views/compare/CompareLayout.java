package dev.memscope.views.compare;

import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a {@link CompareTable} into what the pane draws: headed columns, rows under group headings with formatted
 * cells and model/kernel differences marked, and the three charts. Pure; the view model calls it once per table.
 */
public final class CompareLayout {
    private CompareLayout() {
    }

    public static List<CompareColumn> columns(CompareTable t, MachineSnapshot.Setup current) {
        boolean both = t.bothBackends();
        boolean mixedMmu = t.columns().stream().map(CompareTable.Column::mmu).distinct().count() > 1;
        List<CompareColumn> out = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            CompareTable.Column c = t.columns().get(i);
            String run = both ? (c.isKernel() ? "kernel" : "model") : "";
            if (mixedMmu) {
                run = (run.isEmpty() ? "" : run + " ") + c.mmu().cliName();
            }
            boolean isCurrent = current != null && current.variant() == c.variant() && current.mmu() == c.mmu()
                    && current.backend().equals(c.backend());
            out.add(new CompareColumn(i, c.variant().cliName(), run, c.isKernel(), c.supported(), c.note(),
                    isCurrent));
        }
        return out;
    }

    public static List<CompareRow> rows(CompareTable t) {
        List<CompareRow> out = new ArrayList<>();
        String group = null;
        for (CompareTable.Row r : t.rows()) {
            if (!Objects.equals(group, r.group())) {
                group = r.group();
                out.add(CompareRow.heading(group));
            }
            List<CompareCell> cells = new ArrayList<>();
            for (int i = 0; i < t.columns().size(); i++) {
                cells.add(cell(t, r, i));
            }
            out.add(new CompareRow(false, r.label(), r.unit(), cells));
        }
        return out;
    }

    private static CompareCell cell(CompareTable t, CompareTable.Row r, int i) {
        CompareTable.Column c = t.columns().get(i);
        Long v = r.value(i);
        if (v == null) {
            String why = !c.supported() ? c.note()
                    : c.isKernel() ? "the kernel does not show this" : "not measured in this run";
            return new CompareCell("\u2014", true, false, why);
        }
        String text = CompareUnits.format(v, r.unit());
        int twin = twin(t, i);
        if (r.backendsShouldAgree() && twin >= 0 && r.value(twin) != null && !r.value(twin).equals(v)) {
            int model = c.isKernel() ? twin : i;
            int kernel = c.isKernel() ? i : twin;
            return new CompareCell(text, false, true, String.format("model %s, kernel %s",
                    CompareUnits.format(r.value(model), r.unit()), CompareUnits.format(r.value(kernel), r.unit())));
        }
        return new CompareCell(text, false, false, "");
    }

    /** The run of the same variant and MMU on the other backend, or -1. */
    static int twin(CompareTable t, int i) {
        CompareTable.Column c = t.columns().get(i);
        for (int j = 0; j < t.columns().size(); j++) {
            CompareTable.Column o = t.columns().get(j);
            if (j != i && o.variant() == c.variant() && o.mmu() == c.mmu() && o.isKernel() != c.isKernel()) {
                return j;
            }
        }
        return -1;
    }

    /** Exits to userspace, host memory for the hole, and time (modelled on the model, measured on the kernel). */
    public static List<ChartSpec> charts(CompareTable t) {
        return List.of(
                chart(t, "chart-exits", "Exits to userspace", CompareUnits.COUNT, exitsTotal(t), exitsTotal(t),
                        "model", "kernel"),
                chart(t, "chart-memory", "Host memory for the hole", CompareUnits.BYTES,
                        t.row(CompareTable.HOLE_HOST_BYTES), t.row(CompareTable.HOLE_HOST_BYTES), "model", "kernel"),
                chart(t, "chart-time", "Time", CompareUnits.NANOS, t.row(CompareTable.MODELLED_NANOS),
                        t.row(CompareTable.WALL_NANOS), "modelled", "measured on KVM"));
    }

    private static ChartSpec chart(CompareTable t, String id, String title, String unit, CompareTable.Row modelRow,
            CompareTable.Row kernelRow, String modelName, String kernelName) {
        Set<HoleVariant> variants = new LinkedHashSet<>();
        t.columns().forEach(c -> variants.add(c.variant()));
        List<String> categories = variants.stream().map(HoleVariant::cliName).toList();
        List<ChartSpec.Series> series = new ArrayList<>();
        for (boolean kernel : new boolean[] {false, true}) {
            CompareTable.Row row = kernel ? kernelRow : modelRow;
            List<Long> values = new ArrayList<>();
            boolean any = false;
            for (HoleVariant v : variants) {
                Long value = null;
                for (int i = 0; i < t.columns().size(); i++) {
                    CompareTable.Column c = t.columns().get(i);
                    if (c.variant() == v && c.isKernel() == kernel && row != null && value == null) {
                        value = row.value(i);
                    }
                }
                any |= value != null;
                values.add(value);
            }
            if (any) {
                series.add(new ChartSpec.Series(kernel ? kernelName : modelName, values));
            }
        }
        return new ChartSpec(id, title, unit, categories, series, ChartSpec.spansOrders(series));
    }

    /** {@link CompareTable#EXITS_TOTAL}, or the sum of the {@code exits.*} rows when the table has no total. */
    static CompareTable.Row exitsTotal(CompareTable t) {
        CompareTable.Row total = t.row(CompareTable.EXITS_TOTAL);
        if (total != null) {
            return total;
        }
        List<Long> sums = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < t.columns().size(); i++) {
            Long sum = null;
            for (CompareTable.Row r : t.rows()) {
                if (r.key().startsWith("exits.") && r.value(i) != null) {
                    sum = (sum == null ? 0 : sum) + r.value(i);
                    any = true;
                }
            }
            sums.add(sum);
        }
        return any ? new CompareTable.Row(CompareTable.EXITS_TOTAL, "", "total", CompareUnits.COUNT, sums, true)
                : null;
    }
}
