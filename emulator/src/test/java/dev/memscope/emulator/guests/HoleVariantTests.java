package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.backend.KvmCap;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.Bdf;
import dev.memscope.emulator.vmm.EcamDevice;
import dev.memscope.emulator.vmm.VmmException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5's variant tests, on every backend that has the variant: absent functions read all-ones and present ones
 * their real values, writes to absent functions are discarded, and exactly the accesses a variant does not serve in
 * the kernel exit to userspace, once each. A variant the backend does not offer (its capability is 0: ALLONES and
 * PCI_HOLE on a real kernel) must be refused with EINVAL, never quietly replaced.
 */
interface HoleVariantTests extends BackendUnderTest {
    default BatchRun.Limits holeLimits() {
        return new BatchRun.Limits(50_000_000L, 60_000_000_000L);
    }

    /** The capability that says whether the backend has the memslot flag this variant needs. */
    static int capabilityOf(HoleVariant v) {
        return switch (v) {
            case MMIO_EXIT -> KvmCap.USER_MEMORY;
            case READONLY_PAGE, SINGLE_HVA -> KvmCap.READONLY_MEM;
            case ALLONES -> KvmCap.ALLONES_MEM;
            case PCI_HOLE -> KvmCap.PCI_HOLE_MEM;
        };
    }

    /** True when the backend offers {@code v}; otherwise asserts that booting with it is refused with EINVAL. */
    default boolean offeredOrRefused(HoleVariant v, SessionSetup setup) throws Exception {
        if (capability(capabilityOf(v)) > 0) {
            return true;
        }
        int flag = v == HoleVariant.ALLONES ? MemFlags.ALLONES : v == HoleVariant.PCI_HOLE ? MemFlags.PCI_HOLE
                : MemFlags.READONLY;
        assertThatThrownBy(() -> GuestRuns.step(setup, factory(), holeLimits()).close())
                .isInstanceOf(VmmException.class).hasMessageContaining("(EINVAL)")
                .hasMessageContaining(MemFlags.describe(flag));
        return false;
    }

    @ParameterizedTest
    @EnumSource(HoleVariant.class)
    default void pci_scan_sees_all_ones_where_absent_and_exits_only_for_what_the_kernel_does_not_serve(HoleVariant v)
            throws Exception {
        SessionSetup setup = GuestRuns.setup("pci-scan").withBackend(backend()).withMmu(mmu()).withVariant(v);
        if (!offeredOrRefused(v, setup)) {
            return;
        }
        PciScanModel scan = PciScanModel.scan(MAP);
        try (GuestRuns.Stepped run = GuestRuns.step(setup, factory(), holeLimits())) {
            assertThat(run.failure()).isNull();
            assertThat(new String(run.vmm().console())).isEqualTo(scan.console());
            assertThat(run.vmm().exitCode()).isZero();
            // mmio-exit: every access exits; the others serve absent reads in the kernel (a 0xff page mapped
            // read-only, or emulated reads for PCI_HOLE), and absent writes still exit (read-only semantics).
            List<PciScanModel.Access> exiting = scan.accesses().stream()
                    .filter(a -> v == HoleVariant.MMIO_EXIT || a.present() || a.write()).toList();
            assertThat(run.mmioGpas()).as("MMIO exits, in order")
                    .isEqualTo(exiting.stream().map(a -> a.gpa(MAP)).toList());
            EcamDevice ecam = run.vmm().ecam();
            for (Bdf bdf : exiting.stream().map(PciScanModel.Access::bdf).distinct().toList()) {
                assertThat(ecam.userspaceReads(bdf)).as("reads of %s in userspace", bdf)
                        .isEqualTo(exiting.stream().filter(a -> a.bdf().equals(bdf) && !a.write()).count());
                assertThat(ecam.userspaceWrites(bdf)).as("writes of %s in userspace", bdf)
                        .isEqualTo(exiting.stream().filter(a -> a.bdf().equals(bdf) && a.write()).count());
            }
            long absentWrites = scan.accesses().stream().filter(a -> a.write() && !a.present()).count();
            assertThat(absentWrites).isOne(); // pci-scan.c's absent-write check
            assertThat(ecam.discardedWrites()).isEqualTo(absentWrites);
            assertThat(run.vmm().holePlan().hostBytes()).as("host memory for the hole").isEqualTo(hostBytes(v));
        }
    }

    /**
     * readonly-page costs the slotted hole (every absent function's 4 KiB page of 0xff); allones and single-hva one
     * page; mmio-exit and pci-hole nothing (DESIGN.md, the hole variants; issue 5).
     */
    static long hostBytes(HoleVariant v) {
        long absentFunctions = 256L * 32 * 8 - PciScanModel.scan(MAP).functionsFound();
        return switch (v) {
            case READONLY_PAGE -> absentFunctions * 4096;
            case ALLONES, SINGLE_HVA -> 4096;
            case MMIO_EXIT, PCI_HOLE -> 0;
        };
    }

    @ParameterizedTest
    @EnumSource(HoleVariant.class)
    default void every_width_offset_and_page_crossing_reads_what_the_device_model_holds(HoleVariant v)
            throws Exception {
        EcamProbe probe = EcamProbe.standard();
        SessionSetup setup = SessionSetup.of("ecam-probe", probe.image(MAP)).withBackend(backend()).withMmu(mmu())
                .withVariant(v);
        if (!offeredOrRefused(v, setup)) {
            return;
        }
        try (GuestRuns.Stepped run = GuestRuns.step(setup, factory(), holeLimits())) {
            assertThat(run.failure()).isNull();
            assertThat(run.vmm().exitCode()).isZero();
            assertThat(hex(run.vmm().syncValues())).isEqualTo(hex(probe.expected(MAP)));
        }
    }

    private static List<String> hex(List<Long> values) {
        return values.stream().map(Long::toHexString).toList();
    }
}
