package dev.memscope.views.gpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EcamWindowTest {
    private final EcamWindow q35 = new EcamWindow(0xB000_0000L, 256);

    @Test
    void a_config_page_is_base_plus_bus_device_function() {
        assertThat(q35.configPage(0, 0x1f, 2)).isEqualTo(0xB00F_A000L);
        assertThat(q35.configPage(1, 0, 0)).isEqualTo(0xB010_0000L);
        assertThat(q35.end()).isEqualTo(0xC000_0000L);
        assertThat(q35.pages()).isEqualTo(65536);
    }

    @Test
    void decoding_gives_bus_device_function_and_register() {
        EcamAddress a = q35.decode(0xB00F_A00EL);
        assertThat(a).isEqualTo(new EcamAddress(0, 0x1f, 2, 0x0e));
        assertThat(a.toString()).isEqualTo("00:1f.2 reg 0x00e");
        assertThat(q35.decode(0xBFFF_FFFFL).bdf()).isEqualTo("ff:1f.7");
    }

    @Test
    void addresses_outside_the_window_are_not_decoded() {
        assertThat(q35.contains(0xAFFF_FFFFL)).isFalse();
        assertThat(q35.contains(0xC000_0000L)).isFalse();
        assertThat(q35.contains(-1L)).isFalse();
        assertThatThrownBy(() -> q35.decode(0x1000)).hasMessageContaining("outside the ECAM window");
    }
}
