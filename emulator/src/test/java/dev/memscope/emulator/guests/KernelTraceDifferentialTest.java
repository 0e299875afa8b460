package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.backend.kvm.KvmPagingMode;
import dev.memscope.emulator.backend.kvm.RealKvm;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.TraceComparison;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The model's event log against the kernel's own tracepoints (tracefs) for the same guest: every exit to userspace,
 * port access and MMIO access, in order and printed alike ({@code kvm_userspace_exit}, {@code kvm_pio},
 * {@code kvm_mmio}: include/trace/events/kvm.h, arch/x86/kvm/trace.h). The MMU's own tracepoints differ by design
 * where the kernel emulates ring-0 code (kvm_pvm) and so are not compared here (docs/decisions/0015).
 */
class KernelTraceDifferentialTest {
    @ParameterizedTest
    @CsvSource({"pci-scan, MMIO_EXIT", "pci-scan, READONLY_PAGE", "pci-scan-naive, MMIO_EXIT", "dirty-log, MMIO_EXIT",
        "guest-map, MMIO_EXIT"})
    void the_guest_exits_and_accesses_ports_and_mmio_alike_on_the_kernel_and_the_model(String guest,
            HoleVariant variant) throws Exception {
        RealKvm.assumeTracing();
        TraceComparison c = TraceComparison.run(GuestRuns.setup(guest).withVariant(variant),
                BatchRun.Limits.defaults());
        assertThat(c.kernel()).as("kernel (%s)", KvmPagingMode.detect(Path.of("/sys/module")).description())
                .isNotEmpty().containsExactlyElementsOf(c.model());
        assertThat(c.identical()).isTrue();
        assertThat(TraceComparison.counts(c.kernel())).containsKeys("kvm_pio", "kvm_userspace_exit");
        if (guest.startsWith("pci-scan")) {
            assertThat(TraceComparison.counts(c.kernel())).containsKey("kvm_mmio");
        }
    }
}
