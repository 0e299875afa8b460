package dev.memscope.views.sptemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.Query;
import dev.memscope.views.gpa.PciScanFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SptemapViewModelTest {
    private final SptemapViewModel model = new SptemapViewModel();

    private void load(Query.SpteMapRange q) {
        model.accept(PciScanFixture.map(q.asId(), q.firstGfn(), q.pages()));
    }

    @Test
    void regions_are_the_ecam_window_then_every_slot_and_the_window_is_shown_first() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        assertThat(model.regions()).hasSize(9);
        assertThat(model.regionProperty().get().ecam()).isTrue();
        assertThat(model.regions().get(1).label()).startsWith("slot 0 \u00b7 memory");
        model.setGridSize(800, 400);
        HeatmapLayout l = model.layout();
        assertThat(l.rows() * l.cellPx()).as("fit: the whole window in view").isLessThanOrEqualTo(400);
    }

    @Test
    void asks_only_while_showing_one_question_at_a_time_and_again_after_a_new_snapshot() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        assertThat(model.nextQuery(false)).isNull();
        Query.SpteMapRange q = model.nextQuery(true);
        assertThat(q).isEqualTo(new Query.SpteMapRange(0, 0xB0000L, 65536));
        assertThat(model.nextQuery(true)).as("one out at a time").isNull();
        load(q);
        assertThat(model.dataProperty().get().pages()).isEqualTo(65536);
        assertThat(model.nextQuery(true)).as("nothing new").isNull();
        model.onSnapshot(PciScanFixture.snapshot(2));
        assertThat(model.nextQuery(true)).isEqualTo(q);
    }

    @Test
    void a_region_larger_than_the_cap_loads_the_part_in_view() {
        List<MemslotInfo> slots = new ArrayList<>(PciScanFixture.memslots());
        slots.add(new MemslotInfo(0, 9, 0x100000, 4L << 20, 0, 0x7f80_0000_0000L, 16, 0)); // 16 GiB at 4 GiB
        model.onSnapshot(PciScanFixture.snapshot(1, slots, 16, true));
        model.setGridSize(800, 400);
        model.regionProperty().set(model.regions().get(model.regions().size() - 1));
        model.zoomBy(100, 0, 0);
        model.scrollTo(5000);
        Query.SpteMapRange q = model.nextQuery(true);
        assertThat(q.pages()).isLessThanOrEqualTo(SptemapViewModel.MAX_QUERY_PAGES);
        long[] v = model.visibleGfns();
        assertThat(q.firstGfn()).isLessThanOrEqualTo(v[0]);
        assertThat(q.firstGfn() + q.pages()).isGreaterThanOrEqualTo(v[1]);
        load(q);
        assertThat(model.noticeProperty().get()).contains("loaded");
        model.scrollTo(0);
        assertThat(model.nextQuery(true)).as("scrolled out of the loaded window").isNotNull();
    }

    @Test
    void describes_single_gfns_and_aggregated_cells() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        load(model.nextQuery(true));
        assertThat(model.describeCell(0xB00FAL, 0xB00FBL)).isEqualTo(
                "gfn 0xb00fa \u00b7 gpa 0xb00fa000 \u00b7 MMIO SPTE (MMIO|no slot) \u00b7 no memslot"
                        + " \u00b7 ECAM 00:1f.2 (ICH9 AHCI controller)");
        assertThat(model.describeCell(0xB0018L, 0xB0019L)).contains("read-only (present)").contains("slot 3")
                .endsWith("ECAM 00:03.0 (absent)");
        assertThat(model.describeCell(0xB0000L, 0xB0100L)).contains("gfns 0xb0000-0xb00ff (256)")
                .contains("7 MMIO SPTE").contains("ECAM bus 00");
    }

    @Test
    void breaking_on_a_cell_picks_its_most_notable_gfn_and_its_range() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        load(model.nextQuery(true));
        assertThat(model.breakpointsFor(0xB00F8L, 0xB0100L)).containsExactly(new Breakpoint.SpteChange(0xB00F8L),
                new Breakpoint.GpaRange(0xB00F_8000L, 0xB010_0000L));
        assertThat(model.breakpointsFor(0xB0011L, 0xB0019L).get(0)).isEqualTo(new Breakpoint.SpteChange(0xB0011L));
    }

    @Test
    void with_no_guest_there_is_nothing_to_ask_and_the_canvas_says_so() {
        model.onSnapshot(dev.memscope.emulator.api.MachineSnapshot.empty(1));
        assertThat(model.regions()).isEmpty();
        assertThat(model.nextQuery(true)).isNull();
        assertThat(model.canvasMessage()).isEqualTo("No guest is loaded.");
    }

    @Test
    void on_real_kvm_it_never_asks_and_says_why() {
        model.onSnapshot(PciScanFixture.snapshot(1, PciScanFixture.memslots(), -1, false));
        assertThat(model.nextQuery(true)).isNull();
        assertThat(model.noticeProperty().get()).contains("does not expose its SPTEs");
        assertThat(model.canvasMessage()).contains("real KVM");
    }
}
