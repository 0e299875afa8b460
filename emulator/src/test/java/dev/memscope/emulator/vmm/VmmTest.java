package dev.memscope.emulator.vmm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.ScriptedBackend;
import dev.memscope.guests.SampleGuests;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VmmTest {
    private static final MemoryMap MAP = MemoryMap.defaults();

    private static VmmConfig config(HoleVariant v) throws Exception {
        return VmmConfig.of("hello", ElfImage.parse(SampleGuests.image("hello").orElseThrow())).withVariant(v);
    }

    @Test
    void boot_creates_the_ram_slot_loads_the_image_and_sets_the_entry_state() throws Exception {
        ScriptedBackend backend = new ScriptedBackend();
        VmmConfig config = config(HoleVariant.MMIO_EXIT);
        Vmm vmm = Vmm.boot(backend, config);
        assertThat(backend.slotCalls).singleElement()
                .isEqualTo(new ScriptedBackend.SlotCall(0, 0, 0, MAP.ramBytes(), vmm.ramHva()));
        byte[] entry = new byte[4];
        backend.readHost(vmm.ramHva() + config.image().entry(), entry, 0, 4);
        assertThat(entry).containsExactly(config.image().segments().get(0).data()[0],
                config.image().segments().get(0).data()[1], config.image().segments().get(0).data()[2],
                config.image().segments().get(0).data()[3]);
        assertThat(backend.regs.rip()).isEqualTo(config.image().entry());
        assertThat(backend.sregs.cr3()).isEqualTo(GuestAbi.PAGE_TABLES_GPA);
    }

    @Test
    void handles_console_ecam_sync_and_exit() throws Exception {
        ScriptedBackend backend = new ScriptedBackend()
                .out(GuestAbi.PORT_CONSOLE, 1, 'H').out(GuestAbi.PORT_CONSOLE, 1, 'i')
                .mmio(MAP.ecamBase() + Bdf.parse("00:1f.2").ecamOffset(), 4, false, 0)
                .mmio(MAP.ecamBase() + Bdf.parse("07:00.0").ecamOffset(), 4, false, 0)
                .mmio(MAP.ecamBase() + Bdf.parse("07:00.0").ecamOffset() + 4, 2, true, 0x6)
                .out(GuestAbi.PORT_SYNC, 4, 7)
                .out(GuestAbi.PORT_EXIT, 4, 3);
        Vmm vmm = Vmm.boot(backend, config(HoleVariant.MMIO_EXIT));
        VmmStep step;
        int guard = 0;
        do {
            step = vmm.runOnce(1000);
        } while (!step.finished() && guard++ < 20);
        assertThat(step.kind()).isEqualTo(VmmStep.Kind.EXITED);
        assertThat(vmm.exitCode()).isEqualTo(3L);
        assertThat(new String(vmm.console(), StandardCharsets.US_ASCII)).isEqualTo("Hi");
        assertThat(backend.mmioReadAnswers).containsExactly(0x29228086L, 0xFFFFFFFFL);
        assertThat(vmm.ecam().discardedWrites()).isOne();
        assertThat(vmm.syncValues()).containsExactly(7L);
    }

    @Test
    void switching_variant_deletes_the_old_hole_slots_and_creates_the_new_ones() throws Exception {
        ScriptedBackend backend = new ScriptedBackend();
        Vmm vmm = Vmm.boot(backend, config(HoleVariant.READONLY_PAGE));
        assertThat(backend.slotCalls).hasSize(1 + 7);
        backend.slotCalls.clear();
        vmm.switchVariant(HoleVariant.PCI_HOLE);
        assertThat(backend.slotCalls.subList(0, 7)).allMatch(c -> c.size() == 0);
        assertThat(backend.slotCalls.subList(7, 14)).allMatch(c -> c.flags() == MemFlags.PCI_HOLE && c.hva() == 0);
        assertThat(vmm.holePlan().variant()).isEqualTo(HoleVariant.PCI_HOLE);
    }

    @Test
    void a_halt_or_a_shutdown_fails_the_run_with_the_reason() throws Exception {
        ScriptedBackend backend = new ScriptedBackend().then(r -> r.exitReason = 5);
        Vmm vmm = Vmm.boot(backend, config(HoleVariant.MMIO_EXIT));
        VmmStep step = vmm.runOnce(10);
        assertThat(step.kind()).isEqualTo(VmmStep.Kind.FAILED);
        assertThat(vmm.failure()).contains("HLT without writing an exit code");
    }
}
