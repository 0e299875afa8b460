package dev.memscope.views.memslots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BandViewportTest {
    private static final double GIB4 = 4.0 * (1L << 30);

    @Test
    void zoom_keeps_the_anchor_in_place_and_stops_at_one_ecam_device() {
        BandViewport v = new BandViewport();
        v.setExtent(GIB4, true);
        v.zoom(4, 0.25);
        assertThat(v.u0Property().get()).isCloseTo(GIB4 * 0.25 - GIB4 / 16, within(1.0));
        assertThat(v.u1Property().get() - v.u0Property().get()).isCloseTo(GIB4 / 4, within(1.0));
        for (int i = 0; i < 40; i++) {
            v.zoom(2, 0.5);
        }
        assertThat(v.u1Property().get() - v.u0Property().get()).isGreaterThanOrEqualTo(BandViewport.MIN_SPAN_BYTES);
    }

    @Test
    void pan_and_zoom_out_stay_inside_the_extent() {
        BandViewport v = new BandViewport();
        v.setExtent(GIB4, true);
        v.zoom(2, 0);
        v.pan(-3);
        assertThat(v.u0Property().get()).isZero();
        v.pan(10);
        assertThat(v.u1Property().get()).isCloseTo(GIB4, within(1.0));
        v.zoom(0.01, 0.5);
        assertThat(v.u0Property().get()).isZero();
        assertThat(v.u1Property().get()).isCloseTo(GIB4, within(1.0));
    }

    @Test
    void switching_scale_keeps_the_same_gpas_in_view() {
        BandViewport v = new BandViewport();
        v.setExtent(GIB4, true);
        v.show(0xB000_0000L, 0xC000_0000L);
        BandAxis before = v.axis(0, 1000);
        v.scaleProperty().set(BandScale.LOG);
        BandAxis after = v.axis(0, 1000);
        assertThat(after.startGpa()).isCloseTo(before.startGpa(), within(16.0));
        assertThat(after.endGpa()).isCloseTo(before.endGpa(), within(16.0));
        assertThat(after.x(0xB000_0000L)).isBetween(80.0, 100.0);
    }
}
