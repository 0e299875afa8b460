package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunTimeLimitTest {
    @Test
    void a_budget_becomes_wall_clock_time_at_one_instruction_per_nanosecond() {
        assertThat(RunTimeLimit.forBudget(50_000_000L)).isEqualTo(50_000_000L);
        assertThat(RunTimeLimit.forBudget(1)).as("floored at 1 ms").isEqualTo(RunTimeLimit.MIN_NANOS);
    }

    @Test
    void the_extremes() {
        assertThat(RunTimeLimit.forBudget(Long.MAX_VALUE)).isEqualTo(RunTimeLimit.NONE);
        assertThat(RunTimeLimit.forBudget(0)).isZero();
        assertThat(RunTimeLimit.forBudget(-1)).isZero();
    }
}
