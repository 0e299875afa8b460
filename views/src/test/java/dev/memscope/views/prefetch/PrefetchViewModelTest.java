package dev.memscope.views.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.PrefetchWindow;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.panekit.FaultFocus;
import dev.memscope.views.panekit.PciScanFixture;
import dev.memscope.views.panekit.PrefetchFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PrefetchViewModelTest {
    private final FakeMachine machine = new FakeMachine();
    private final FaultFocus focus = new FaultFocus();
    private final List<Long> asked = new ArrayList<>();
    private final List<Consumer<Optional<PrefetchWindow>>> answers = new ArrayList<>();
    private final WindowSource source = (seq, ok, err) -> {
        asked.add(seq);
        answers.add(ok);
    };
    private final PrefetchViewModel model = new PrefetchViewModel(machine, source, focus);

    @Test
    void follows_the_newest_fault_whose_prefetch_step_ran_and_says_why_not_the_current_one() {
        model.onSnapshot(PrefetchFixture.snapshot(3));
        assertThat(model.faultProperty().get().seq()).isEqualTo(41);
        assertThat(model.noteProperty().get()).isEqualTo("#42 has not reached its prefetch step yet; showing #41.");
        assertThat(model.policyProperty().get()).startsWith("Policy: kernel window").endsWith("MMU direct");
    }

    @Test
    void asks_for_the_window_only_when_showing_and_shows_each_candidate() {
        model.onSnapshot(PrefetchFixture.snapshot(3));
        assertThat(asked).isEmpty();
        assertThat(model.rows()).extracting(CandidateRow::shown).containsExactly(Shown.UNKNOWN,
                Shown.FAULTING_ENTRY, Shown.UNKNOWN, Shown.UNKNOWN, Shown.UNKNOWN, Shown.UNKNOWN, Shown.UNKNOWN,
                Shown.UNKNOWN);
        model.setShowing(true);
        assertThat(asked).containsExactly(41L);
        answers.get(0).accept(Optional.of(PrefetchFixture.window41()));
        assertThat(model.rows()).extracting(CandidateRow::shown).containsExactly(Shown.NO_SLOT,
                Shown.FAULTING_ENTRY, Shown.ABORTED_EARLIER_RUN, Shown.ABORTED_EARLIER_RUN,
                Shown.ABORTED_EARLIER_RUN, Shown.ABORTED_EARLIER_RUN, Shown.ABORTED_EARLIER_RUN,
                Shown.ABORTED_EARLIER_RUN);
        assertThat(model.rows()).extracting(CandidateRow::where).containsExactly("00:1f.0", "00:1f.1", "00:1f.2",
                "00:1f.3", "00:1f.4", "00:1f.5", "00:1f.6", "00:1f.7");
        assertThat(model.rows()).extracting(CandidateRow::slot).containsExactly("none", "5 ALLONES", "none", "none",
                "6 ALLONES", "6 ALLONES", "6 ALLONES", "6 ALLONES");
        assertThat(model.summaryProperty().get()).isEqualTo(
                "Mapped 0 of 7 candidates; the run at gfn 0xb00f8 failed (no slot), which ends the prefetch.");
        model.onSnapshot(PrefetchFixture.snapshot(4));
        assertThat(asked).hasSize(1); // cached: a finished fault's window never changes
    }

    @Test
    void picking_another_fault_shows_its_window() {
        model.setShowing(true);
        model.onSnapshot(PrefetchFixture.snapshot(3));
        FaultRecord ram = model.faults().stream().filter(f -> f.seq() == 3).findFirst().orElseThrow();
        model.pin(ram);
        assertThat(asked).containsExactly(41L, 3L);
        answers.get(1).accept(Optional.of(PrefetchFixture.window3()));
        assertThat(model.rows()).extracting(CandidateRow::shown).containsExactly(Shown.FAULTING_ENTRY,
                Shown.PREFETCHED, Shown.PREFETCHED, Shown.HOST_PAGE_ABSENT, Shown.HOST_PAGE_ABSENT,
                Shown.HOST_PAGE_ABSENT, Shown.HOST_PAGE_ABSENT, Shown.HOST_PAGE_ABSENT);
        assertThat(model.rows().get(1).where()).isEqualTo("RAM");
        assertThat(model.summaryProperty().get()).isEqualTo("Mapped 2 of 7 candidates.");
        answers.get(0).accept(Optional.of(PrefetchFixture.window41())); // late answer for #41: cached, not shown
        assertThat(model.faultProperty().get().seq()).isEqualTo(3);
        assertThat(model.rows().get(1).shown()).isEqualTo(Shown.PREFETCHED);
    }

    @Test
    void under_the_tdp_mmu_the_window_that_would_be_walked_is_shown_not_walked() {
        model.setShowing(true);
        model.onSnapshot(PciScanFixture.snapshot(3));
        assertThat(model.faultProperty().get().seq()).isEqualTo(15);
        answers.get(0).accept(Optional.empty());
        assertThat(model.rows()).extracting(CandidateRow::gfn).containsExactly(0xB0020L, 0xB0021L, 0xB0022L,
                0xB0023L, 0xB0024L, 0xB0025L, 0xB0026L, 0xB0027L);
        assertThat(model.rows().get(0).shown()).isEqualTo(Shown.FAULTING_ENTRY);
        assertThat(model.rows().get(1).shown()).isEqualTo(Shown.NOT_WALKED);
        assertThat(model.summaryProperty().get()).startsWith("The TDP MMU never prefetches");
    }

    @Test
    void whole_slot_runs_are_rows_of_runs() {
        model.setShowing(true);
        model.onSnapshot(PciScanFixture.snapshot(3));
        answers.get(0).accept(Optional.of(PrefetchFixture.wholeSlot(15)));
        assertThat(model.rows()).extracting(CandidateRow::pages).containsExactly(7, 1, 0xC7);
        assertThat(model.summaryProperty().get()).isEqualTo("Mapped 206 of 206 candidates.");
    }

    @Test
    void real_kvm_says_the_kernel_does_not_expose_prefetch() {
        model.onSnapshot(PciScanFixture.realKvmSnapshot(1));
        assertThat(model.messageProperty().get()).contains("does not expose its prefetch decisions");
    }

    @Test
    void break_actions_for_a_candidate() {
        model.onSnapshot(PrefetchFixture.snapshot(3));
        CandidateRow fn2 = model.rows().get(2);
        model.breakOnSpte(fn2);
        model.breakOnHoleHit(fn2);
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.SpteChange(0xB00FA),
                new Breakpoint.HoleHit(0, 0x1f, 2));
    }
}
