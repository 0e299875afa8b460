package dev.memscope.views.memslots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BandAxisTest {
    @Test
    void linear_maps_gpa_to_x_and_back() {
        BandAxis a = new BandAxis(BandScale.LINEAR, 0, 4.0 * (1L << 30), 100, 800);
        assertThat(a.x(0)).isEqualTo(100);
        assertThat(a.x(2.0 * (1L << 30))).isEqualTo(500);
        assertThat(a.gpa(500)).isEqualTo(2.0 * (1L << 30));
    }

    @Test
    void log_gives_each_doubling_the_same_width() {
        BandScale log = BandScale.LOG;
        BandAxis a = new BandAxis(log, 0, log.toU(4.0 * (1L << 30)), 0, 1000);
        double w1 = a.x(1 << 24) - a.x(1 << 23);
        double w2 = a.x(1L << 31) - a.x(1L << 30);
        assertThat(w1).isCloseTo(w2, within(0.5));
        assertThat(a.gpa(a.x(0xB000_0000L))).isCloseTo(0xB000_0000L, within(1.0));
        assertThat(a.x(0)).isZero();
    }

    @Test
    void ticks_are_far_enough_apart_to_label_in_both_scales() {
        for (BandScale s : BandScale.values()) {
            BandAxis a = new BandAxis(s, 0, s.toU(4.0 * (1L << 30)), 70, 800);
            var ticks = a.ticks();
            assertThat(ticks).as(s.label()).hasSizeGreaterThan(2);
            for (int i = 1; i < ticks.size(); i++) {
                assertThat(a.x(ticks.get(i)) - a.x(ticks.get(i - 1))).isGreaterThanOrEqualTo(
                        BandAxis.TICK_SPACING_PX);
            }
        }
        BandAxis zoomed = new BandAxis(BandScale.LINEAR, 0xB000_0000L, 0xB004_0000L, 0, 800);
        assertThat(zoomed.ticks()).contains(0xB000_0000L, 0xB002_0000L);
    }
}
