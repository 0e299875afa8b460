package dev.memscope.views.prefault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.PreFaultResult;
import org.junit.jupiter.api.Test;

class PreFaultViewModelTest {
    private final PreFaultViewModel model = new PreFaultViewModel(new dev.memscope.views.common.FakeMachine());

    @Test
    void partial_progress_shows_the_range_the_kernel_left_in_the_struct() {
        // The selftest's second call: 8 KiB across the end of the slot; 4 KiB done, 4 KiB left, return 0.
        model.show(new PreFaultResult(0x100200000L, 0x2000, 0, 0, 0x100201000L, 0x1000, 1), null);
        assertThat(model.resultProperty().get()).isEqualTo("KVM_PRE_FAULT_MEMORY returned 0 with part of the range "
                + "left (partial progress)");
        assertThat(model.afterProperty().get()).isEqualTo("{ .gpa = 0x100201000, .size = 0x1000, .flags = 0x0 }");
    }

    @Test
    void an_error_is_named() {
        model.show(new PreFaultResult(0x100201000L, 0x1000, 0, -2, 0x100201000L, 0x1000, 0), null);
        assertThat(model.resultProperty().get()).isEqualTo("KVM_PRE_FAULT_MEMORY returned -ENOENT");
        model.show(new PreFaultResult(0, 0x1000, 0, -95, 0, 0x1000, 0), null);
        assertThat(model.resultProperty().get()).endsWith("-EOPNOTSUPP");
    }

    @Test
    void a_field_that_is_not_a_number_is_named_and_nothing_is_called() {
        model.sizeProperty().set("two megs");
        model.call();
        assertThat(model.resultProperty().get()).isEqualTo(".size = 'two megs' is not a number (decimal, or hex "
                + "with 0x)");
        assertThat(model.beforeProperty().get()).isEmpty();
    }
}
