package dev.memscope.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.HugepageDecision.Reason;
import org.junit.jupiter.api.Test;

/** The shared decisions the fault path hands out are the values it asked for, whatever the combination. */
class HugepageDecisionTest {
    @Test
    void of_gives_the_asked_values_for_every_level_and_reason() {
        for (Reason r : Reason.values()) {
            for (int max = 0; max <= 6; max++) {
                for (int req = 0; req <= 6; req++) {
                    for (int goal = 0; goal <= 6; goal++) {
                        HugepageDecision d = HugepageDecision.of(max, req, goal, r);
                        assertThat(d).isEqualTo(new HugepageDecision(max, req, goal, r));
                    }
                }
            }
        }
    }

    @Test
    void of_shares_one_instance_per_value_within_the_page_levels() {
        assertThat(HugepageDecision.of(3, 2, 2, Reason.HUGE_ALLOWED))
                .isSameAs(HugepageDecision.of(3, 2, 2, Reason.HUGE_ALLOWED))
                .isNotSameAs(HugepageDecision.of(3, 2, 1, Reason.NX_HUGE_PAGE));
    }
}
