package dev.memscope.views.sptetree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.panekit.PciScanFixture;
import dev.memscope.views.panekit.TestAskers;
import org.junit.jupiter.api.Test;

class SpteTreeViewModelTest {
    private final FakeMachine machine = new FakeMachine();
    private final TestAskers.Recording asker = new TestAskers.Recording();
    private final SpteTreeViewModel model = new SpteTreeViewModel(machine, asker);

    @Test
    void asks_for_the_tree_only_when_showing_and_only_once_per_snapshot() {
        model.onSnapshot(PciScanFixture.snapshot(5));
        assertThat(asker.asked).isEmpty();
        model.setShowing(true);
        assertThat(asker.asked).singleElement().extracting(a -> a.query()).isEqualTo(new Query.SpteTables(0));
        model.setShowing(false);
        model.setShowing(true);
        model.onSnapshot(PciScanFixture.snapshot(5));
        assertThat(asker.asked).hasSize(1);
        model.onSnapshot(PciScanFixture.snapshot(6));
        assertThat(asker.asked).hasSize(2);
    }

    @Test
    void never_asks_while_the_machine_runs() {
        model.setShowing(true);
        model.onSnapshot(PciScanFixture.snapshot(5, RunState.RUNNING, true));
        assertThat(asker.asked).isEmpty();
        assertThat(model.messageProperty().get()).contains("next stop");
    }

    @Test
    void diffs_each_stop_against_the_one_before() {
        model.setShowing(true);
        model.onSnapshot(PciScanFixture.snapshot(5));
        asker.answer(0, PciScanFixture.spteTree(false));
        assertThat(model.forestProperty().get().hasPrevious()).isFalse();
        model.onSnapshot(PciScanFixture.snapshot(6));
        asker.answer(1, PciScanFixture.spteTree(true));
        SpteForest f = model.forestProperty().get();
        assertThat(f.changedCount()).isEqualTo(1);
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.statusProperty().get()).contains("tdp (EPT format)", "7 sps", "11 leaves", "3 MMIO",
                "1 changed since the previous stop");
    }

    @Test
    void real_kvm_says_the_kernel_does_not_expose_its_sptes_and_asks_nothing() {
        model.setShowing(true);
        model.onSnapshot(PciScanFixture.realKvmSnapshot(3));
        assertThat(asker.asked).isEmpty();
        assertThat(model.messageProperty().get()).contains("kernel does not expose", "--backend sim");
    }

    @Test
    void an_answer_for_another_address_space_is_dropped() {
        model.setShowing(true);
        model.onSnapshot(PciScanFixture.snapshot(5));
        model.asIdProperty().set(1);
        assertThat(asker.asked).hasSize(2);
        asker.answer(0, PciScanFixture.spteTree(true));
        assertThat(model.forestProperty().get()).isNull();
    }

    @Test
    void break_when_this_spte_changes_adds_to_the_existing_breakpoints() {
        machine.setBreakpoints(java.util.List.of(new Breakpoint.Rip(0x100000)));
        SpteForest f = new SpteForest(PciScanFixture.spteTree(true), null);
        SpteRow leaf = leafOf(f, 0x28);
        assertThat(model.canBreakOn(leaf)).isTrue();
        assertThat(model.canBreakOn(f.rootRow())).isFalse();
        model.breakWhenChanges(leaf);
        model.breakWhenChanges(leaf);
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.Rip(0x100000),
                new Breakpoint.SpteChange(0xB0028));
        assertThat(model.statusProperty().get()).startsWith("Already set: SPTE of gfn 0xb0028");
    }

    static SpteRow leafOf(SpteForest f, int index) {
        SpteRow l3 = f.children(f.rootRow(), false).get(0);
        SpteRow l2 = f.children(l3, false).get(1);
        SpteRow l1 = f.children(l2, false).get(0);
        return f.children(l1, true).get(index);
    }
}
