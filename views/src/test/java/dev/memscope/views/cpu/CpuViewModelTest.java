package dev.memscope.views.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.views.common.FakeMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CpuViewModelTest {
    private final FakeMachine machine = new FakeMachine().answer(Query.Disassemble.class, CpuFixtures::disassemble);
    private final List<Query<?>> asked = new ArrayList<>();
    private final CpuViewModel model = new CpuViewModel(machine, new QueryAsker() {
        @Override
        public <T> void ask(Query<T> query, Consumer<T> onAnswer, Consumer<Throwable> onError) {
            asked.add(query);
            machine.query(query).whenComplete((answer, error) -> {
                if (error != null) {
                    onError.accept(error);
                } else {
                    onAnswer.accept(answer);
                }
            });
        }
    });

    private static MachineSnapshot stopped(long version, int dev, long rflags) {
        return CpuFixtures.snapshot(version, RunState.STOPPED, CpuFixtures.atIdRead(dev, rflags), "page fault");
    }

    @Test
    void a_stop_lists_the_code_around_rip_and_marks_the_current_instruction() {
        model.onSnapshot(stopped(1, 3, 0x246));
        assertThat(asked).containsExactly(new Query.Disassemble(CpuFixtures.FAULT_RIP, CpuViewModel.BEFORE,
                CpuViewModel.AFTER));
        assertThat(model.currentRipProperty().get()).isEqualTo(CpuFixtures.FAULT_RIP);
        DisasmListing listing = model.listingProperty().get();
        assertThat(listing.paragraphOf(CpuFixtures.FAULT_RIP)).isPositive();
        assertThat(listing.lineAt(listing.paragraphOf(CpuFixtures.FAULT_RIP)).text()).startsWith("mov");
        assertThat(model.statusProperty().get()).isEqualTo("page fault");
    }

    @Test
    void the_listing_is_asked_for_again_only_when_rip_leaves_it() {
        model.onSnapshot(stopped(1, 3, 0x246));
        model.onSnapshot(stopped(2, 4, 0x246)); // same RIP, next device
        assertThat(asked).hasSize(1);
    }

    @Test
    void registers_are_marked_against_the_previous_stop_and_a_repeated_stop_keeps_the_marks() {
        model.onSnapshot(stopped(1, 2, 0x202));
        assertThat(model.registersProperty().get()).noneMatch(RegisterRow::changed);
        model.onSnapshot(stopped(2, 3, 0x246));
        assertThat(model.registersProperty().get()).filteredOn(RegisterRow::changed).extracting(RegisterRow::name)
                .containsExactlyInAnyOrder("RAX", "RSI", "RBP", "R12", "RFLAGS");
        model.onSnapshot(stopped(3, 3, 0x246)); // a fault-phase step: same registers, same stop
        assertThat(model.registersProperty().get()).filteredOn(RegisterRow::changed).hasSize(5);
        assertThat(model.flagsProperty().get()).filteredOn(FlagChip::changed).extracting(FlagChip::name)
                .containsExactly("PF", "ZF");
    }

    @Test
    void while_running_there_is_no_current_line_and_changes_count_from_the_last_stop() {
        model.onSnapshot(stopped(1, 2, 0x202));
        model.onSnapshot(CpuFixtures.snapshot(2, RunState.RUNNING, CpuFixtures.atIdRead(5, 0x202), ""));
        assertThat(model.currentRipProperty().get()).isNull();
        assertThat(model.registersProperty().get()).filteredOn(RegisterRow::changed).extracting(RegisterRow::name)
                .contains("RAX", "R12");
        assertThat(model.statusProperty().get()).startsWith("Running");
    }

    @Test
    void a_reset_to_ready_starts_the_diff_afresh() {
        model.onSnapshot(stopped(1, 2, 0x202));
        model.onSnapshot(CpuFixtures.snapshot(2, RunState.READY, CpuFixtures.atIdRead(7, 0x2), ""));
        assertThat(model.registersProperty().get()).noneMatch(RegisterRow::changed);
    }

    @Test
    void toggling_a_breakpoint_keeps_the_machines_other_breakpoints() {
        machine.setBreakpoints(List.of(new Breakpoint.MemslotChange()));
        model.toggleBreakpoint(0x100bb3);
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.MemslotChange(),
                new Breakpoint.Rip(0x100bb3));
        assertThat(model.hasBreakpoint(0x100bb3)).isTrue();
        model.toggleBreakpoint(0x100bb3);
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.MemslotChange());
        assertThat(model.breakpointRipsProperty().get()).isEmpty();
    }

    @Test
    void breakpoints_set_elsewhere_show_up_at_the_next_snapshot() {
        machine.setBreakpoints(List.of(new Breakpoint.Rip(0x100b60), new Breakpoint.SyncValue(1)));
        model.onSnapshot(stopped(1, 3, 0x246));
        assertThat(model.breakpointRipsProperty().get()).containsExactly(0x100b60L);
    }

    @Test
    void without_registers_the_pane_says_why() {
        model.onSnapshot(MachineSnapshot.empty(1));
        assertThat(model.registersProperty().get()).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo("No guest loaded.");
        assertThat(asked).isEmpty();
    }

    @Test
    void a_failed_disassembly_is_reported_and_asked_again_at_the_next_stop() {
        FakeMachine bare = new FakeMachine();
        CpuViewModel m = new CpuViewModel(bare, new QueryAsker() {
            @Override
            public <T> void ask(Query<T> query, Consumer<T> onAnswer, Consumer<Throwable> onError) {
                asked.add(query);
                onError.accept(new IllegalStateException("not mapped"));
            }
        });
        m.onSnapshot(stopped(1, 3, 0x246));
        assertThat(m.statusProperty().get()).contains("No disassembly at 0x100bb3").contains("not mapped");
        m.onSnapshot(stopped(2, 4, 0x246));
        assertThat(asked).hasSize(2);
    }

    @Test
    void showing_bytes_relays_out_the_same_lines() {
        model.onSnapshot(stopped(1, 3, 0x246));
        int lines = model.listingProperty().get().lines().size();
        model.showBytesProperty().set(true);
        assertThat(model.listingProperty().get().showBytes()).isTrue();
        assertThat(model.listingProperty().get().lines()).hasSize(lines);
        assertThat(asked).hasSize(1);
    }
}
