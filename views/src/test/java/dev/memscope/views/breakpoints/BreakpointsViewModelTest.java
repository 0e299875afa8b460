package dev.memscope.views.breakpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.views.common.FakeMachine;
import org.junit.jupiter.api.Test;

class BreakpointsViewModelTest {
    @Test
    void every_kind_of_breakpoint_can_be_typed() {
        assertThat(BreakpointText.parse("rip 0x100bb3")).isEqualTo(new Breakpoint.Rip(0x100bb3));
        assertThat(BreakpointText.parse("gpa 0xb0018000")).isEqualTo(new Breakpoint.GpaRange(0xb0018000L,
                0xb0018001L));
        assertThat(BreakpointText.parse("gpa 0xb0000000-0xb0100000")).isEqualTo(new Breakpoint.GpaRange(
                0xb0000000L, 0xb0100000L));
        assertThat(BreakpointText.parse("spte 0xb0018")).isEqualTo(new Breakpoint.SpteChange(0xb0018));
        assertThat(BreakpointText.parse("memslot")).isEqualTo(new Breakpoint.MemslotChange());
        assertThat(BreakpointText.parse("exit MMIO")).isEqualTo(new Breakpoint.ExitReason(6)); // KVM_EXIT_MMIO
        assertThat(BreakpointText.parse("exit KVM_EXIT_IO")).isEqualTo(new Breakpoint.ExitReason(2));
        assertThat(BreakpointText.parse("hole 00:1f.2")).isEqualTo(new Breakpoint.HoleHit(0, 0x1f, 2));
        assertThat(BreakpointText.parse("sync 2")).isEqualTo(new Breakpoint.SyncValue(2));
    }

    @Test
    void a_bad_line_says_what_is_wrong() {
        assertThatThrownBy(() -> BreakpointText.parse("watch 5")).hasMessageContaining("unknown breakpoint kind");
        assertThatThrownBy(() -> BreakpointText.parse("rip")).hasMessageContaining("missing an address");
        assertThatThrownBy(() -> BreakpointText.parse("rip zz")).hasMessageContaining("'zz' is not an address");
        assertThatThrownBy(() -> BreakpointText.parse("hole 00:33.0")).hasMessageContaining("above 1f");
        assertThatThrownBy(() -> BreakpointText.parse("gpa 0x20-0x10")).hasMessageContaining("empty GPA range");
    }

    @Test
    void adding_and_removing_goes_to_the_machine() {
        FakeMachine machine = new FakeMachine();
        BreakpointsViewModel model = new BreakpointsViewModel(machine);
        assertThat(model.add("hole 00:03.0")).isTrue();
        assertThat(model.add("hole 00:03.0")).isTrue(); // no duplicate
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.HoleHit(0, 3, 0));
        assertThat(model.add("nonsense")).isFalse();
        assertThat(model.errorProperty().get()).contains("unknown breakpoint kind");
        model.remove(new Breakpoint.HoleHit(0, 3, 0));
        assertThat(machine.breakpoints()).isEmpty();
        assertThat(model.breakpoints()).isEmpty();
    }
}
