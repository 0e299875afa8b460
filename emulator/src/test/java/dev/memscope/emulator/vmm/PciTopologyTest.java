package dev.memscope.emulator.vmm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Config-space behaviour per the PCI Local Bus spec 3.0 (6.1, 6.2.5.1) and DOMAIN.md §7. */
class PciTopologyTest {
    private final MemoryMap map = MemoryMap.defaults();
    private final EcamDevice ecam = new EcamDevice(map, PciTopology.q35Default());

    private long at(String bdf, int reg) {
        return map.ecamBase() + Bdf.parse(bdf).ecamOffset() + reg;
    }

    @Test
    void present_functions_answer_vendor_device_class_and_header_type() {
        assertThat(ecam.read(at("00:1f.2", 0), 4)).isEqualTo(0x29228086L);
        assertThat(ecam.read(at("00:1f.2", 0x08), 4) >>> 8).isEqualTo(0x010601L); // class code: AHCI
        assertThat(ecam.read(at("00:1f.0", 0x0E), 1) & 0x80).isEqualTo(0x80L); // multi-function
        assertThat(ecam.read(at("00:1c.0", 0x0E), 1) & 0x7F).isEqualTo(1L); // PCI-to-PCI bridge header
        assertThat(ecam.read(at("00:1c.0", 0x19), 1)).isEqualTo(1L); // secondary bus
    }

    @Test
    void absent_functions_read_all_ones_at_every_width() {
        assertThat(ecam.read(at("00:03.0", 0), 4)).isEqualTo(0xFFFFFFFFL);
        assertThat(ecam.read(at("05:00.0", 0), 2)).isEqualTo(0xFFFFL);
        assertThat(ecam.read(at("00:1f.1", 0x0E), 1)).isEqualTo(0xFFL);
        assertThat(ecam.read(at("ff:1f.7", 0xFF8), 8)).isEqualTo(-1L);
    }

    @Test
    void writes_to_absent_functions_are_discarded_and_counted() {
        ecam.write(at("00:03.0", 0x04), 2, 0x0006);
        assertThat(ecam.read(at("00:03.0", 0x04), 2)).isEqualTo(0xFFFFL);
        assertThat(ecam.discardedWrites()).isOne();
    }

    @Test
    void bar_sizing_returns_the_size_mask_with_the_type_bits() {
        long bar4 = at("00:01.0", 0x20);
        ecam.write(bar4, 4, 0xFFFFFFFFL);
        assertThat(ecam.read(bar4, 4)).isEqualTo(0xFFFFC000L); // 16 KiB 32-bit memory BAR
        long ioBar = at("00:1f.2", 0x20);
        ecam.write(ioBar, 4, 0xFFFFFFFFL);
        assertThat(ecam.read(ioBar, 4)).isEqualTo(0xFFFFFFE1L); // 32-byte I/O BAR, bit 0 = I/O space
        ecam.write(bar4, 4, 0xFEBF0000L);
        assertThat(ecam.read(bar4, 4)).isEqualTo(0xFEBF0000L);
    }

    @Test
    void read_only_registers_ignore_writes_and_the_capability_list_is_walkable() {
        long vendor = at("00:02.0", 0);
        ecam.write(vendor, 4, 0x12345678L);
        assertThat(ecam.read(vendor, 4)).isEqualTo(0x10421AF4L);
        assertThat(ecam.read(at("00:02.0", 0x06), 2) & 0x10).isEqualTo(0x10L);
        int cap = (int) ecam.read(at("00:02.0", 0x34), 1);
        int ids = 0;
        int guard = 0;
        while (cap != 0 && guard++ < 48) {
            ids = ids << 8 | (int) ecam.read(at("00:02.0", cap), 1);
            cap = (int) ecam.read(at("00:02.0", cap + 1), 1);
        }
        assertThat(ids).isEqualTo(0x1005); // PCI Express (0x10), then MSI (0x05)
    }

    @Test
    void bdf_round_trips_through_ecam_offsets_and_text() {
        Bdf b = Bdf.parse("a3:1e.6");
        assertThat(Bdf.ofEcamOffset(b.ecamOffset() + 0xABC)).isEqualTo(b);
        assertThat(b.toString()).isEqualTo("a3:1e.6");
        assertThat(b.ecamOffset()).isEqualTo((0xA3L << 20) | (0x1EL << 15) | (6L << 12));
    }
}
