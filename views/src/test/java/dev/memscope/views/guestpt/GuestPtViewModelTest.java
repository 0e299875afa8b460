package dev.memscope.views.guestpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.panekit.GuestTablesFixture;
import dev.memscope.views.panekit.PciScanFixture;
import dev.memscope.views.panekit.TestAskers;
import org.junit.jupiter.api.Test;

class GuestPtViewModelTest {
    private final FakeMachine machine = new FakeMachine();
    private final TestAskers.Recording tables = new TestAskers.Recording();
    private final GuestPtViewModel model = new GuestPtViewModel(machine, tables, TestAskers.direct(machine));

    GuestPtViewModelTest() {
        machine.answer(Query.TranslateGva.class, q -> GuestTablesFixture.walk(q.gva()));
    }

    @Test
    void asks_for_the_tables_when_showing_at_a_new_stop_and_diffs_the_a_and_d_bits() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        assertThat(tables.asked).isEmpty();
        model.setShowing(true);
        tables.answer(0, GuestTablesFixture.tables(false));
        model.onSnapshot(PciScanFixture.snapshot(2, RunState.RUNNING, true));
        assertThat(tables.asked).hasSize(1);
        model.onSnapshot(PciScanFixture.snapshot(3));
        tables.answer(1, GuestTablesFixture.tables(true));
        assertThat(model.forestProperty().get().adChanges()).isEqualTo(2);
        assertThat(model.statusProperty().get()).isEqualTo(
                "CR3 0x10000 \u00b7 4 tables \u00b7 160 mappings \u00b7 2 A/D changes since the previous stop");
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void translate_walks_the_gva_level_by_level() {
        model.gvaTextProperty().set("0xb0028000");
        model.translate();
        assertThat(model.walkSteps()).extracting(s -> s.level()).containsExactly(4, 3, 2);
        assertThat(model.walkSteps().get(2).index()).isEqualTo(384);
        assertThat(model.walkResultProperty().get()).isEqualTo("0xb0028000 \u2192 gpa 0xb0028000 (2M page)");
    }

    @Test
    void a_walk_that_faults_says_where() {
        model.gvaTextProperty().set("7fff00000000");
        model.translate();
        assertThat(model.walkSteps()).hasSize(1);
        assertThat(model.walkResultProperty().get()).isEqualTo("0x7fff00000000: fault, not present at level 4 (#PF)");
    }

    @Test
    void bad_input_is_explained_and_not_asked() {
        model.gvaTextProperty().set("xyz");
        model.translate();
        assertThat(model.walkResultProperty().get()).contains("in hex");
        model.gvaTextProperty().set("0x800000000000");
        model.translate();
        assertThat(model.walkResultProperty().get()).contains("not canonical", "#GP");
        assertThat(model.walkSteps()).isEmpty();
    }

    @Test
    void break_on_a_leaf_adds_a_gpa_range_over_its_page() {
        GuestPtForest f = new GuestPtForest(GuestTablesFixture.tables(true), null);
        GuestPtRow pml4e = f.children(f.rootRow(), false).get(0);
        GuestPtRow pdpte = f.children(pml4e, false).get(1);
        GuestPtRow pde = f.children(pdpte, false).get(5);
        model.breakOnPage(pde);
        model.breakOnPage(pdpte); // not a leaf: nothing
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.GpaRange(0xB0A00000L, 0xB0C00000L));
    }
}
