package dev.memscope.emulator.session;

import static dev.memscope.emulator.session.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.HoleHits;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.guests.SampleGuests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How each access to 00:03.0 is served under each variant. pci-scan.c touches it four times: the scan's 32-bit ID
 * read (absent: no more), then the absent-write check: a 16-bit write to the command register and two reads back.
 */
class HoleHitsOnSimTest {
    private final Machine machine = new Machine(s -> SimBackend.create(new SimOptions(s.mmu(), s.prefetchPolicy(),
            true)));

    @AfterEach
    void close() {
        machine.close();
    }

    @ParameterizedTest
    @EnumSource(value = HoleVariant.class)
    void the_first_absent_device_is_served_as_its_variant_says(HoleVariant variant) throws Exception {
        machine.load(SessionSetup.of("pci-scan", ElfImage.parse(SampleGuests.image("pci-scan").orElseThrow()))
                .withVariant(variant));
        await(machine, s -> s.state() == RunState.READY);
        machine.run();
        MachineSnapshot done = await(machine, s -> s.state() == RunState.EXITED);
        HoleHits h = done.holeHits().stream().filter(x -> x.bus() == 0 && x.device() == 3 && x.function() == 0)
                .findFirst().orElseThrow();
        assertThat(h.present()).isFalse();
        assertThat(h.writes()).isEqualTo(1); // writes exit to userspace in every variant...
        assertThat(h.discardedWrites()).isEqualTo(1); // ...and the VMM drops them for an absent function
        switch (variant) {
            case MMIO_EXIT -> assertThat(new long[] {h.userspaceReads(), h.kernelReads(), h.mappedReads()})
                    .containsExactly(3, 0, 0);
            case PCI_HOLE -> assertThat(new long[] {h.userspaceReads(), h.kernelReads(), h.mappedReads()})
                    .containsExactly(0, 3, 0);
            default -> assertThat(new long[] {h.userspaceReads(), h.kernelReads(), h.mappedReads()})
                    .containsExactly(0, 0, 3); // read-only slot, ALLONES or single-HVA: a mapped 0xff page
        }
        HoleHits present = done.holeHits().stream().filter(x -> x.bus() == 0 && x.device() == 0x1f
                && x.function() == 2).findFirst().orElseThrow();
        assertThat(present.mappedReads() + present.kernelReads()).isZero(); // unslotted: every access exits
        assertThat(present.userspaceReads()).isPositive();
    }
}
