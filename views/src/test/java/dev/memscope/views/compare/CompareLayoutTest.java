package dev.memscope.views.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.HoleVariant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareLayoutTest {
    private final CompareTable both = CompareFixtures.both();

    @Test
    void columns_pair_model_and_kernel_under_each_variant_and_mark_the_current_run() {
        List<CompareColumn> cols = CompareLayout.columns(both,
                CompareFixtures.snapshot("pci-scan", HoleVariant.ALLONES).setup());
        assertThat(cols).hasSize(10);
        assertThat(cols.get(0)).isEqualTo(new CompareColumn(0, "mmio-exit", "model", false, true, "", false));
        assertThat(cols.get(5).run()).isEqualTo("kernel");
        assertThat(cols.get(5).supported()).isFalse();
        assertThat(cols.get(5).note()).contains("ALLONES");
        assertThat(cols).filteredOn(CompareColumn::current).extracting(CompareColumn::index).containsExactly(4);
    }

    @Test
    void with_one_backend_columns_are_just_the_variants() {
        List<CompareColumn> cols = CompareLayout.columns(CompareFixtures.modelOnly(), null);
        assertThat(cols).extracting(CompareColumn::variant).containsExactly("mmio-exit", "readonly-page", "allones",
                "pci-hole", "single-hva");
        assertThat(cols).allMatch(c -> c.run().isEmpty());
    }

    @Test
    void rows_sit_under_group_headings_with_values_in_their_units() {
        List<CompareRow> rows = CompareLayout.rows(both);
        assertThat(rows).filteredOn(CompareRow::group).extracting(CompareRow::label)
                .containsExactly("Exits to userspace", "Kernel", "Memory", "Time");
        CompareRow memory = rows.stream().filter(r -> r.label().equals("host memory for the hole")).findFirst()
                .orElseThrow();
        assertThat(memory.cell(2).text()).isEqualTo("255.6 MiB");
        assertThat(memory.cell(4).text()).isEqualTo("4 KiB");
        CompareRow time = rows.stream().filter(r -> r.label().equals("modelled time")).findFirst().orElseThrow();
        assertThat(time.cell(0).text()).isEqualTo("1.52 ms");
        assertThat(time.cell(1).missing()).isTrue();
    }

    @Test
    void a_kernel_value_that_disagrees_with_the_model_is_marked_on_both_sides() {
        CompareRow mmio = CompareLayout.rows(both).get(1);
        assertThat(mmio.label()).isEqualTo("MMIO");
        assertThat(mmio.cell(2).differs()).isTrue();
        assertThat(mmio.cell(3).differs()).isTrue();
        assertThat(mmio.cell(3).tooltip()).isEqualTo("model 87, kernel 89");
        assertThat(mmio.cell(0).differs()).isFalse();
        CompareRow time = CompareLayout.rows(both).stream().filter(r -> r.label().equals("measured time"))
                .findFirst().orElseThrow();
        assertThat(time.cells()).noneMatch(CompareCell::differs);
    }

    @Test
    void a_missing_value_says_why() {
        CompareRow mmio = CompareLayout.rows(both).get(1);
        assertThat(mmio.cell(5).missing()).isTrue();
        assertThat(mmio.cell(5).tooltip()).isEqualTo(CompareFixtures.NO_ALLONES);
        CompareRow sptes = CompareLayout.rows(both).stream().filter(r -> r.label().equals("SPTEs installed"))
                .findFirst().orElseThrow();
        assertThat(sptes.cell(1).tooltip()).isEqualTo("the kernel does not show this");
    }

    @Test
    void charts_show_exits_memory_and_time_per_variant_on_a_log_scale_when_values_span_orders() {
        List<ChartSpec> charts = CompareLayout.charts(both);
        assertThat(charts).extracting(ChartSpec::id).containsExactly("chart-exits", "chart-memory", "chart-time");
        ChartSpec exits = charts.get(0);
        assertThat(exits.categories()).hasSize(5).startsWith("mmio-exit");
        assertThat(exits.series()).extracting(ChartSpec.Series::name).containsExactly("model", "kernel");
        assertThat(exits.series().get(1).values()).containsExactly(273L, 147L, null, null, 145L);
        assertThat(exits.logScale()).isFalse();
        assertThat(charts.get(1).logScale()).isTrue();
        assertThat(charts.get(2).series()).extracting(ChartSpec.Series::name)
                .containsExactly("modelled", "measured on KVM");
    }

    @Test
    void without_a_total_row_exits_are_summed_from_the_reasons() {
        CompareTable t = CompareFixtures.modelOnly();
        List<CompareTable.Row> rows = t.rows().stream().filter(r -> !r.key().equals(CompareTable.EXITS_TOTAL))
                .toList();
        CompareTable noTotal = new CompareTable(t.guest(), t.columns(), rows, true, List.of());
        assertThat(CompareLayout.charts(noTotal).get(0).series().get(0).values())
                .containsExactly(273L, 145L, 145L, 145L, 145L);
    }

    @Test
    void units_read_at_a_glance() {
        assertThat(CompareUnits.format(1234567, CompareUnits.COUNT)).isEqualTo("1,234,567");
        assertThat(CompareUnits.format(512, CompareUnits.BYTES)).isEqualTo("512 B");
        assertThat(CompareUnits.format(256L << 20, CompareUnits.BYTES)).isEqualTo("256 MiB");
        assertThat(CompareUnits.format(999, CompareUnits.NANOS)).isEqualTo("999 ns");
        assertThat(CompareUnits.format(12_340, CompareUnits.NANOS)).isEqualTo("12.3 \u00b5s");
        assertThat(CompareUnits.format(2_500_000_000L, CompareUnits.NANOS)).isEqualTo("2.5 s");
    }

    @Test
    void a_row_must_have_a_value_per_column() {
        assertThatThrownBy(() -> new CompareTable("g", CompareFixtures.bothColumns(), List.of(new CompareTable.Row(
                "x", "g", "x", "count", List.of(1L), true)), true, List.of()))
                .hasMessageContaining("has 1 values for 10 columns");
    }
}
