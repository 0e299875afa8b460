package dev.memscope.views.holehits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameLabelsTest {
    private static double width(String s) {
        return s.length() * 6.0;
    }

    private static List<NameLabels.Placed> bus0(double cellW) {
        double left = HoleGridLayout.LEFT;
        return NameLabels.place(List.of(
                new NameLabels.Request("00.0 q35 host bridge", left, cellW),
                new NameLabels.Request("01.0 virtio-net", left + cellW, cellW),
                new NameLabels.Request("02.0 virtio-blk", left + 2 * cellW, cellW),
                new NameLabels.Request("1c.0 pcie-root-port", left + 28 * cellW, cellW),
                new NameLabels.Request("1f.0 ICH9 LPC bridge +2", left + 31 * cellW, cellW)), 2,
                left + 32 * cellW, NameLabelsTest::width);
    }

    @Test
    void labels_on_one_line_never_overlap_and_stay_inside_the_row() {
        List<NameLabels.Placed> placed = bus0(24);
        assertThat(placed).hasSize(5);
        for (NameLabels.Placed a : placed) {
            assertThat(a.x()).isGreaterThanOrEqualTo(2);
            assertThat(a.end()).isLessThanOrEqualTo(HoleGridLayout.LEFT + 32 * 24);
            for (NameLabels.Placed b : placed) {
                if (a != b && a.line() == b.line()) {
                    assertThat(a.end() <= b.x() || b.end() <= a.x()).as(a.text() + " / " + b.text()).isTrue();
                }
            }
        }
    }

    @Test
    void no_leader_runs_through_a_label_nearer_the_row() {
        List<NameLabels.Placed> placed = bus0(24);
        for (NameLabels.Placed a : placed) {
            for (NameLabels.Placed b : placed) {
                if (b.line() < a.line()) {
                    assertThat(a.anchor() >= b.x() - 2 && a.anchor() <= b.end() + 2).as(a.text() + " through "
                            + b.text()).isFalse();
                }
            }
        }
        assertThat(NameLabels.lines(placed)).isLessThanOrEqualTo(3);
    }

    @Test
    void wide_cells_need_a_single_line() {
        assertThat(NameLabels.lines(bus0(150))).isEqualTo(1);
        assertThat(NameLabels.lines(List.of())).isZero();
    }
}
