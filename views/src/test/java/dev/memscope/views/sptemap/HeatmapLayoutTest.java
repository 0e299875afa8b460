package dev.memscope.views.sptemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.views.gpa.EcamWindow;
import org.junit.jupiter.api.Test;

class HeatmapLayoutTest {
    private final MapRegion ecam = MapRegion.of(new EcamWindow(0xB000_0000L, 256));

    @Test
    void at_one_gfn_per_cell_an_ecam_row_is_one_bus() {
        HeatmapLayout l = HeatmapLayout.of(ecam, new ZoomLevel(1, 3), 800);
        assertThat(l.columns()).isEqualTo(256);
        assertThat(l.rows()).isEqualTo(256);
        assertThat(l.rowOf(0xB0100L)).isEqualTo(1);
        assertThat(l.columnOf(0xB00FAL)).isEqualTo(0xFA);
        assertThat(l.cellGfn(1, 8)).isEqualTo(0xB0108L);
    }

    @Test
    void cells_are_found_at_points_and_nothing_past_the_end() {
        MapRegion ram = new MapRegion("slot 0", 0, 0, 0xB0000L, 65536, false);
        HeatmapLayout l = HeatmapLayout.of(ram, new ZoomLevel(16, 2), 800);
        assertThat(l.columns()).as("256 would waste more than a quarter of 400").isEqualTo(384);
        assertThat(HeatmapLayout.of(ecam, new ZoomLevel(16, 2), 800).columns()).as("ECAM rows stay aligned")
                .isEqualTo(256);
        assertThat(l.rows()).isEqualTo(11);
        assertThat(l.cellAt(5, 1, 0)).containsExactly(0xB0000L + 2 * 16, 0xB0000L + 3 * 16);
        assertThat(l.cellAt(5, 3, 0)).containsExactly(0xB1800L + 2 * 16, 0xB1800L + 3 * 16);
        assertThat(l.cellAt(5, 0, 10.5)).isNotNull();
        assertThat(l.cellAt(600, 0, 10)).as("the last row ends early").isNull();
        assertThat(l.cellAt(5, 2, 10.5)).as("past the last row").isNull();
        assertThat(l.cellAt(5, 3 + 40, 0)).isNull();
        assertThat(l.cellAt(-1, 3, 0)).isNull();
    }

    @Test
    void a_small_region_takes_no_more_columns_than_it_needs() {
        MapRegion seven = new MapRegion("slot 1", 0, 1, 0xB0001L, 7, false);
        HeatmapLayout l = HeatmapLayout.of(seven, new ZoomLevel(1, 28), 800);
        assertThat(l.columns()).isEqualTo(8);
        assertThat(l.rows()).isEqualTo(1);
        assertThat(l.cellGfn(0, 7)).isEqualTo(-1);
    }
}
