package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.backend.kvm.KvmAvailability;
import dev.memscope.emulator.backend.kvm.KvmBackend;
import dev.memscope.emulator.backend.kvm.KvmPagingMode;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A differential check of the emulator against the kernel: kvm_pvm has no hardware virtualization and emulates
 * ring-0 guest code instruction by instruction, so the kernel's {@code insn_emulation} counter is the number of
 * instructions the guest retired, which the model counts too. Both run the same image to the same exit code.
 */
class RingZeroEmulationCountTest {
    @ParameterizedTest
    @ValueSource(strings = {"hello", "pci-scan", "boot-touch", "prefault", "dirty-log", "guest-map"})
    void the_kernel_emulates_exactly_the_instructions_the_model_retires(String guest) throws Exception {
        KvmAvailability kvm = KvmAvailability.probe();
        assumeTrue(kvm.usable(), () -> "real KVM is not usable here: " + kvm.reason());
        assumeTrue(KvmPagingMode.detect(Path.of("/sys/module")).description().contains("kvm_pvm"),
                "only a kernel that emulates ring-0 code counts every guest instruction in insn_emulation");
        RunResult model = BatchRun.run(GuestRuns.setup(guest), s -> SimBackend.create(new SimOptions(s.mmu(),
                s.prefetchPolicy(), true)), BatchRun.Limits.defaults());
        RunResult kernel = BatchRun.run(GuestRuns.setup(guest).withBackend("kvm"), s -> KvmBackend.open(),
                BatchRun.Limits.defaults());
        assertThat(model.exitCode()).isZero();
        assertThat(kernel.exitCode()).isZero();
        assertThat(kernel.counters().get("insn_emulation")).isEqualTo(model.instructions());
    }
}
