package dev.memscope.views.gpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.MemslotInfo;
import org.junit.jupiter.api.Test;

class GpaSpaceTest {
    private final GpaSpace space = GpaSpace.of(PciScanFixture.snapshot(1));

    @Test
    void finds_the_slot_of_a_gfn_by_binary_search() {
        assertThat(space.slotAt(0, 0x10).id()).isZero();
        MemslotInfo seven = space.slotAt(0, 0xB0101);
        assertThat(seven.id()).isEqualTo(7);
        assertThat(space.slotAt(0, 0xB0100)).as("01:00.0 is present, so unslotted").isNull();
        assertThat(space.slotAt(0, 0x5000)).isNull();
        assertThat(space.slotAt(1, 0x10)).as("nothing in the SMM address space").isNull();
    }

    @Test
    void describes_ram_gaps_and_ecam_addresses() {
        assertThat(space.describe(0, 0x1000)).isEqualTo("gpa 0x1000 · gfn 0x1 · slot 0 (as 0) memory · RAM");
        assertThat(space.describe(0, 0x5000000L)).contains("no memslot (gap 0x4000000-0xb0001000, 2.69 GiB)");
        assertThat(space.describe(0, 0xB00FA00EL))
                .isEqualTo("gpa 0xb00fa00e · gfn 0xb00fa · no memslot (gap 0xb00fa000-0xb00fc000, 8 KiB)"
                        + " · ECAM 00:1f.2 reg 0x00e (ICH9 AHCI controller)");
        assertThat(space.describe(0, 0xB0018004L)).contains("slot 3 (as 0) ALLONES")
                .endsWith("ECAM 00:03.0 reg 0x004 (absent function)");
    }

    @Test
    void knows_the_present_functions_the_hole_hits_name() {
        assertThat(space.presentFunctions()).containsEntry(0xfa, "ICH9 AHCI controller").hasSize(8);
        assertThat(space.functionName(1, 0, 0)).isEqualTo("NVMe controller");
        assertThat(space.functionName(0, 3, 0)).isEmpty();
    }
}
