package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.GuestCode;
import dev.memscope.emulator.backend.TinyElf;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.RunResult;
import dev.memscope.emulator.session.SessionSetup;
import org.junit.jupiter.api.Test;

/**
 * How a run ends when the guest does not write an exit code (issue 5, the run loop): a guest spinning forever is
 * stopped by {@link BatchRun.Limits}, by its instruction count where the backend counts instructions (the model), by
 * host time where it cannot (the kernel); HLT with nothing to wake the vCPU and a triple fault end the run with the
 * reason. Every one is a failure with words, never a hang and never an exit code.
 */
interface RunLoopTests extends BackendUnderTest {
    @Test
    default void a_guest_that_never_exits_is_stopped_at_the_limit_and_reported() throws Exception {
        // spin: inc rcx; jmp spin
        SessionSetup spin = SessionSetup.of("spin", TinyElf.image(0x100000, new GuestCode().spinCountingRcx()
                .bytes())).withBackend(backend()).withMmu(mmu());
        boolean counts = backend().equals("sim");
        long maxNanos = 1_000_000_000L;
        BatchRun.Limits limits = counts ? new BatchRun.Limits(1_000_000, 60 * maxNanos)
                : new BatchRun.Limits(Long.MAX_VALUE, maxNanos);
        long start = System.nanoTime();
        RunResult r = BatchRun.run(spin, factory(), limits);
        long took = System.nanoTime() - start;
        assertThat(r.succeeded()).isFalse();
        assertThat(r.exitCode()).isNull();
        assertThat(r.consoleText()).isEmpty();
        if (counts) {
            assertThat(r.failure()).isEqualTo("the guest did not exit within 1,000,000 instructions (the step "
                    + "budget); it may be stuck in a loop");
            assertThat(r.instructions()).isEqualTo(1_000_000);
        } else {
            assertThat(r.failure()).isEqualTo("the guest did not exit within 1 s of host time");
            assertThat(took).as("stopped soon after the limit").isBetween(maxNanos, 6 * maxNanos);
        }
    }

    private RunResult runCode(GuestCode code) throws Exception {
        SessionSetup setup = SessionSetup.of("tiny", TinyElf.image(0x100000, code.bytes())).withBackend(backend())
                .withMmu(mmu());
        return BatchRun.run(setup, factory(), new BatchRun.Limits(1_000_000, 10_000_000_000L));
    }

    /** With no interrupt controller and no interrupts, a halted vCPU never wakes: KVM_EXIT_HLT (5) to userspace. */
    @Test
    default void hlt_without_an_exit_code_fails_the_run_with_the_reason() throws Exception {
        RunResult r = runCode(new GuestCode().hlt());
        assertThat(r.exitCode()).isNull();
        assertThat(r.failure()).startsWith("the guest executed HLT without writing an exit code to port 0xF4");
        assertThat(r.exits()).containsEntry("HLT", 1L);
    }

    /** ud2 with no IDT: #UD, then #DF, then a triple fault: KVM_EXIT_SHUTDOWN (8). */
    @Test
    default void a_triple_fault_fails_the_run_with_the_reason() throws Exception {
        RunResult r = runCode(new GuestCode().ud2());
        assertThat(r.exitCode()).isNull();
        assertThat(r.failure()).startsWith("the guest shut down (triple fault)");
        assertThat(r.exits()).containsEntry("SHUTDOWN", 1L);
    }
}
