package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.Bdf;
import dev.memscope.emulator.vmm.Vmm;
import dev.memscope.emulator.vmm.VmmStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Switching the hole variant on a live VM, on every backend (the model's events: {@link LiveVariantSwitchTest}). */
interface LiveSwitchTests extends BackendUnderTest {
    /**
     * A switch on the live VM (issue 5), on every backend: pci-scan starts under readonly-page, stops at the exit of
     * its ID read of the root port 00:1c.0, and goes on under mmio-exit. Until the stop only present functions
     * exit; from the stop on every access does; the guest prints what it prints without a switch.
     */
    @Test
    default void a_switch_mid_scan_changes_which_accesses_exit_from_that_access_on() throws Exception {
        SessionSetup setup = GuestRuns.setup("pci-scan").withBackend(backend()).withMmu(mmu())
                .withVariant(HoleVariant.READONLY_PAGE);
        PciScanModel scan = PciScanModel.scan(MAP);
        List<PciScanModel.Access> all = scan.accesses();
        int stop = 0;
        while (!(all.get(stop).bdf().equals(Bdf.parse("00:1c.0")) && all.get(stop).reg() == 0)) {
            stop++;
        }
        List<Long> expected = new ArrayList<>();
        all.subList(0, stop + 1).stream().filter(a -> a.present() || a.write()).forEach(a -> expected.add(a.gpa(MAP)));
        all.subList(stop + 1, all.size()).forEach(a -> expected.add(a.gpa(MAP)));
        VmBackend backend = factory().create(setup);
        try (Vmm vmm = Vmm.boot(backend, setup.vmmConfig())) {
            List<Long> mmio = new ArrayList<>();
            VmmStep step = vmm.runOnce(1_000_000);
            while (!step.finished()) {
                if (step.kvmExitReason() == KvmExitReason.MMIO) {
                    mmio.add(step.value());
                    if (step.value() == all.get(stop).gpa(MAP)) {
                        vmm.switchVariant(HoleVariant.MMIO_EXIT);
                    }
                }
                step = vmm.runOnce(1_000_000);
            }
            assertThat(vmm.failure()).isNull();
            assertThat(new String(vmm.console())).isEqualTo(scan.console());
            assertThat(mmio).isEqualTo(expected);
        }
    }
}
