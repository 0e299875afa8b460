package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.backend.kvm.KernelTrace;
import dev.memscope.emulator.backend.kvm.KvmAvailability;
import dev.memscope.emulator.backend.kvm.KvmBackend;
import dev.memscope.emulator.backend.kvm.KvmPagingMode;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The model's event log against the kernel's own tracepoints (tracefs) for the same guest: every exit to userspace,
 * port access and MMIO access, in order and printed alike ({@code kvm_userspace_exit}, {@code kvm_pio},
 * {@code kvm_mmio}: include/trace/events/kvm.h, arch/x86/kvm/trace.h). The MMU's own tracepoints differ by design
 * where the kernel emulates ring-0 code (kvm_pvm) and so are not compared here.
 */
class KernelTraceDifferentialTest {
    private static final Set<String> COMPARED = Set.of("kvm_userspace_exit", "kvm_pio", "kvm_mmio");
    /** KVM_RUN cut short by a signal (-EINTR): the VMM's time slices, which depend on timing, not on the guest. */
    private static final String INTERRUPTED = "kvm_userspace_exit: reason restart (4)";

    @Test
    void pci_scan_exits_and_accesses_the_hole_alike_on_the_kernel_and_the_model() throws Exception {
        KvmAvailability kvm = KvmAvailability.probe();
        assumeTrue(kvm.usable(), () -> "real KVM is not usable here: " + kvm.reason());
        assumeTrue(KernelTrace.unavailableReason().isEmpty(), () -> KernelTrace.unavailableReason().orElseThrow());
        var setup = GuestRuns.setup("pci-scan").withVariant(HoleVariant.MMIO_EXIT);

        SimBackend[] sim = new SimBackend[1];
        RunResult model = BatchRun.run(setup, s -> sim[0] = SimBackend.create(new SimOptions(s.mmu(),
                s.prefetchPolicy(), true)), BatchRun.Limits.defaults());
        List<TraceEvent> events = sim[0].eventLog().since(0, Integer.MAX_VALUE);
        assertThat(events.get(0).seq()).as("the model's log holds the whole run").isZero();
        List<String> modelLines = events.stream().filter(e -> COMPARED.contains(e.kind().tracepoint()))
                .map(e -> e.kind().tracepoint() + ": " + e.text().strip()).filter(l -> !l.equals(INTERRUPTED))
                .toList();

        KernelTrace.Capture kernel;
        RunResult onKvm;
        try (KernelTrace trace = KernelTrace.start(List.of("kvm"), 65536)) {
            onKvm = BatchRun.run(setup.withBackend("kvm"), s -> KvmBackend.open(), BatchRun.Limits.defaults());
            kernel = trace.stop();
        }
        assertThat(kernel.lost()).as("the kernel's trace buffer held the whole run").isZero();
        List<String> kernelLines = kernel.lines().stream().filter(l -> COMPARED.contains(l.event()))
                .map(l -> l.event() + ": " + l.text()).filter(l -> !l.equals(INTERRUPTED)).toList();

        assertThat(model.exitCode()).isZero();
        assertThat(onKvm.exitCode()).isZero();
        assertThat(kernelLines).as("kernel (%s)", KvmPagingMode.detect(Path.of("/sys/module")).description())
                .isNotEmpty().containsExactlyElementsOf(modelLines);
    }
}
