package dev.memscope.views.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FilterTextTest {
    @Test
    void gfn_ranges_parse_as_the_kernel_prints_gfns() {
        assertThat(GfnRange.parse("b0018")).isEqualTo(new GfnRange(0xb0018, 0xb0018));
        assertThat(GfnRange.parse(" 0xB0000 - b00ff ")).isEqualTo(new GfnRange(0xb0000, 0xb00ff));
        assertThat(GfnRange.parse("b0000+100")).isEqualTo(new GfnRange(0xb0000, 0xb00ff));
        assertThat(GfnRange.parse("b0000-b00ff")).hasToString("b0000-b00ff");
    }

    @Test
    void bad_gfn_ranges_say_what_is_wrong() {
        assertThatThrownBy(() -> GfnRange.parse("xyz")).hasMessageContaining("not a hex gfn");
        assertThatThrownBy(() -> GfnRange.parse("20-10")).hasMessageContaining("ends");
        assertThatThrownBy(() -> GfnRange.parse("10+0")).hasMessageContaining("0 pages");
    }

    @Test
    void bdf_patterns_select_a_bus_a_device_or_a_function_of_the_ecam_window() {
        long base = 0xB0000000L;
        assertThat(BdfPattern.parse("00:03.0").gfns(base)).isEqualTo(new GfnRange(0xb0018, 0xb0018));
        assertThat(BdfPattern.parse("00:03").gfns(base)).isEqualTo(new GfnRange(0xb0018, 0xb001f));
        assertThat(BdfPattern.parse("01").gfns(base)).isEqualTo(new GfnRange(0xb0100, 0xb01ff));
        assertThat(BdfPattern.parse("1f:1f.7").gfns(base)).isEqualTo(new GfnRange(0xb1fff, 0xb1fff));
        assertThat(BdfPattern.parse("00:02.1")).hasToString("00:02.1");
    }

    @Test
    void a_gpa_decodes_to_its_function_inside_the_window_only() {
        assertThat(BdfPattern.of(0xb001800eL, 0xB0000000L, 256)).isEqualTo(new BdfPattern(0, 3, 0));
        assertThat(BdfPattern.of(0xb0111000L, 0xB0000000L, 256)).isEqualTo(new BdfPattern(1, 2, 1));
        assertThat(BdfPattern.of(0xaffff000L, 0xB0000000L, 256)).isNull();
        assertThat(BdfPattern.of(0xc0000000L, 0xB0000000L, 256)).isNull();
        assertThat(BdfPattern.of(0xb0100000L, 0xB0000000L, 1)).isNull();
    }

    @Test
    void impossible_bdfs_are_refused() {
        assertThatThrownBy(() -> BdfPattern.parse("00:20.0")).hasMessageContaining("no such PCI address");
        assertThatThrownBy(() -> BdfPattern.parse("00:03.8")).hasMessageContaining("no such PCI address");
        assertThatThrownBy(() -> BdfPattern.parse("zz")).hasMessageContaining("bus:device.function");
    }
}
