package dev.memscope.views.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.RunState;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.panekit.FaultFocus;
import dev.memscope.views.panekit.PciScanFixture;
import org.junit.jupiter.api.Test;

class FaultsViewModelTest {
    private final FakeMachine machine = new FakeMachine();
    private final FaultFocus focus = new FaultFocus();
    private final FaultsViewModel model = new FaultsViewModel(machine, focus);

    @Test
    void the_history_is_newest_first_with_the_fault_in_progress_on_top_and_shown() {
        model.onSnapshot(PciScanFixture.snapshot(4));
        assertThat(model.history()).extracting(FaultRecord::seq).startsWith(16L, 15L, 14L).endsWith(0L).hasSize(17);
        assertThat(model.shownProperty().get().seq()).isEqualTo(16);
        assertThat(model.headerProperty().get())
                .isEqualTo("#16 read gpa 0xb0028000 (00:05.0 reg 0x000)  \u00b7  stopped after map");
        assertThat(model.cards()).hasSize(8);
        assertThat(model.canStepPhaseProperty().get()).isTrue();
    }

    @Test
    void clicking_a_fault_shows_it_until_asked_for_the_newest_again() {
        model.onSnapshot(PciScanFixture.snapshot(4));
        model.show(model.history().get(8)); // #8: the first read of 00:00.0
        assertThat(model.shownProperty().get().seq()).isEqualTo(8);
        assertThat(model.headerProperty().get()).endsWith("RET_PF_EMULATE");
        model.onSnapshot(PciScanFixture.snapshot(5));
        assertThat(model.shownProperty().get().seq()).isEqualTo(8);
        model.follow();
        assertThat(model.shownProperty().get().seq()).isEqualTo(16);
    }

    @Test
    void stepping_commands_go_to_the_machine_and_follow_the_newest_fault() {
        model.onSnapshot(PciScanFixture.snapshot(4));
        model.show(model.history().get(3));
        model.stepPhase();
        model.runToFault();
        assertThat(machine.commands).containsExactly("step FAULT_PHASE", "step PAGE_FAULT");
        assertThat(focus.following()).isTrue();
    }

    @Test
    void nothing_to_step_while_running() {
        model.onSnapshot(PciScanFixture.snapshot(4, RunState.RUNNING, true));
        assertThat(model.canStepPhaseProperty().get()).isFalse();
        assertThat(model.canRunToFaultProperty().get()).isFalse();
        assertThat(model.noteProperty().get()).contains("Running");
    }

    @Test
    void real_kvm_says_the_kernel_keeps_its_fault_path_to_itself() {
        model.onSnapshot(PciScanFixture.realKvmSnapshot(2));
        assertThat(model.messageProperty().get()).contains("kernel does not expose its fault path");
        assertThat(model.history()).isEmpty();
    }

    @Test
    void break_actions_add_to_the_machines_breakpoints() {
        model.onSnapshot(PciScanFixture.snapshot(4));
        FaultRecord f = model.history().get(2); // #14 on 00:03.0
        model.breakOnSpte(f);
        model.breakOnPage(f);
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.SpteChange(0xB0018),
                new Breakpoint.GpaRange(0xB0018000L, 0xB0019000L));
    }
}
