package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.backend.kvm.KvmAvailability;
import dev.memscope.emulator.backend.kvm.KvmBackend;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.Vmm;
import dev.memscope.emulator.vmm.VmmException;
import dev.memscope.emulator.vmm.VmmStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression: a live switch to a variant the backend refuses (ALLONES on a real kernel) used to leave the VMM
 * claiming the refused variant, with the old hole slots deleted and the new ones missing, so the guest ran as
 * mmio-exit under an "allones" label and every later switch failed (deleting a slot that did not exist: EINVAL).
 * A refused switch must leave the VM as it was.
 */
class RefusedSwitchTest {
    private static final MemoryMap MAP = MemoryMap.defaults();

    private static VmBackend backend(String which) throws Exception {
        if (which.equals("sim")) {
            return new RefusingBackend(SimBackend.create(new SimOptions(MmuMode.TDP, "kernel", true)),
                    MemFlags.ALLONES);
        }
        KvmAvailability kvm = KvmAvailability.probe();
        assumeTrue(kvm.usable(), () -> "real KVM is not usable here: " + kvm.reason());
        return KvmBackend.open();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kvm"})
    void a_refused_switch_leaves_the_variant_and_its_memslots_as_they_were(String which) throws Exception {
        SessionSetup setup = GuestRuns.setup("pci-scan").withVariant(HoleVariant.READONLY_PAGE);
        PciScanModel scan = PciScanModel.scan(MAP);
        try (Vmm vmm = Vmm.boot(backend(which), setup.vmmConfig())) {
            VmmStep step = vmm.runOnce(1_000_000);
            while (step.kvmExitReason() != KvmExitReason.MMIO) { // the first exit of the scan: 00:00.0's ID
                step = vmm.runOnce(1_000_000);
            }
            assertThatThrownBy(() -> vmm.switchVariant(HoleVariant.ALLONES)).isInstanceOf(VmmException.class)
                    .hasMessageContaining("ALLONES").hasMessageContaining("EINVAL");
            assertThat(vmm.config().variant()).isEqualTo(HoleVariant.READONLY_PAGE);
            assertThat(vmm.holePlan().variant()).isEqualTo(HoleVariant.READONLY_PAGE);
            while (!step.finished()) {
                step = vmm.runOnce(1_000_000);
            }
            assertThat(new String(vmm.console())).isEqualTo(scan.console());
            // Still readonly-page: absent reads never exited, before or after the refusal.
            assertThat(vmm.exitCount(KvmExitReason.MMIO)).isEqualTo(scan.accesses().stream()
                    .filter(a -> a.present() || a.write()).count());
        }
        try (Vmm vmm = Vmm.boot(backend(which), setup.vmmConfig())) {
            assertThatThrownBy(() -> vmm.switchVariant(HoleVariant.ALLONES)).isInstanceOf(VmmException.class);
            vmm.switchVariant(HoleVariant.MMIO_EXIT); // the VMM can still switch
            assertThat(vmm.holePlan().variant()).isEqualTo(HoleVariant.MMIO_EXIT);
        }
    }
}
