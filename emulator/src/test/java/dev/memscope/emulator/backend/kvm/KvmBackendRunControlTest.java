package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.AbiGuestRunner;
import dev.memscope.emulator.backend.GuestCode;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.backend.TinyElf;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How a run ends early on the real kernel: stop requests, time limits, a zero budget, and signals not ours. */
class KvmBackendRunControlTest {
    private static final long MS = 1_000_000L;

    @BeforeAll
    static void needsKvm() {
        RealKvm.assumeAvailable();
    }

    private static KvmBackend spinning() throws Exception {
        KvmBackend kvm = KvmBackend.open();
        AbiGuestRunner.load(kvm, TinyElf.image(GuestAbi.IMAGE_MIN_GPA,
                new GuestCode().movRcx(0).spinCountingRcx().bytes()), MemoryMap.defaults());
        return kvm;
    }

    private static long rcx(KvmBackend kvm) {
        return kvm.getRegs().gpr(KvmRegs.RCX);
    }

    @Test
    void requestStop_from_another_thread_ends_a_run_without_a_limit() throws Exception {
        try (KvmBackend kvm = spinning()) {
            Thread stopper = new Thread(() -> {
                sleep(200);
                kvm.requestStop();
            });
            long start = System.nanoTime();
            stopper.start();
            KvmRun run = kvm.runFor(RunTimeLimit.NONE);
            long elapsed = System.nanoTime() - start;
            stopper.join();
            assertThat(run.exitReason).isEqualTo(KvmExitReason.INTR);
            assertThat(run.detail).isEqualTo("stop requested");
            assertThat(elapsed).isBetween(190 * MS, 5_000 * MS);
            assertThat(rcx(kvm)).as("the guest ran until stopped").isPositive();
        }
    }

    @Test
    void requestStop_before_a_run_makes_it_return_without_running_the_guest_and_only_once() throws Exception {
        try (KvmBackend kvm = spinning()) {
            kvm.runFor(5 * MS);
            long before = rcx(kvm);
            kvm.requestStop();
            KvmRun run = kvm.runFor(RunTimeLimit.NONE);
            assertThat(run.exitReason).isEqualTo(KvmExitReason.INTR);
            assertThat(run.detail).isEqualTo("stop requested");
            assertThat(rcx(kvm)).as("immediate_exit: no guest instruction ran").isEqualTo(before);

            run = kvm.runFor(200 * MS);
            assertThat(run.detail).as("the request was used up").startsWith("time limit");
            assertThat(rcx(kvm)).isGreaterThan(before);
        }
    }

    @Test
    void a_time_limit_ends_the_run_and_does_not_carry_over() throws Exception {
        try (KvmBackend kvm = spinning()) {
            long before = rcx(kvm);
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                KvmRun run = kvm.runFor(20 * MS);
                long elapsed = System.nanoTime() - start;
                assertThat(run.exitReason).isEqualTo(KvmExitReason.INTR);
                assertThat(run.detail).isEqualTo("time limit of 20.000 ms ran out");
                assertThat(elapsed).isBetween(20 * MS, 2_000 * MS);
            }
            // On a loaded host one slice may pass before the thread gets into the guest, so progress is checked
            // over all of them: a limit that stuck in kvm_run.immediate_exit would let none of them run.
            assertThat(rcx(kvm)).isGreaterThan(before);
            KvmRun run = kvm.run(30_000_000L); // 30 M instructions at the assumed 1 per ns: 30 ms
            assertThat(run.detail).isEqualTo("time limit of 30.000 ms ran out");
        }
    }

    @Test
    void a_zero_budget_completes_a_pending_port_read_without_running_the_guest() throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            AbiGuestRunner.load(kvm, TinyElf.image(GuestAbi.IMAGE_MIN_GPA,
                    new GuestCode().movEdx(0x70).inEaxDx().hlt().bytes()), MemoryMap.defaults());
            KvmRun run = kvm.run(Long.MAX_VALUE);
            assertThat(run.exitReason).isEqualTo(KvmExitReason.IO);
            run.ioData = 0x55;
            long ripAfterIn = GuestAbi.IMAGE_MIN_GPA + 5 + 1;
            assertThat(kvm.getRegs().gpr(KvmRegs.RAX)).as("not completed yet").isNotEqualTo(0x55);

            run = kvm.run(0);
            assertThat(run.exitReason).isEqualTo(KvmExitReason.INTR);
            assertThat(run.detail).startsWith("zero budget");
            KvmRegs regs = kvm.getRegs();
            assertThat(regs.gpr(KvmRegs.RAX)).isEqualTo(0x55);
            assertThat(regs.rip()).as("stopped right after in, before hlt").isEqualTo(ripAfterIn);

            assertThat(kvm.run(Long.MAX_VALUE).exitReason).isEqualTo(KvmExitReason.HLT);
        }
    }

    @Test
    void a_signal_that_is_not_a_stop_request_does_not_end_the_run() throws Exception {
        Native nat = Native.system();
        KickSignal kick = KickSignal.install(nat);
        try (KvmBackend kvm = spinning()) {
            int[] tid = new int[1];
            CountDownLatch known = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            Thread kicker = new Thread(() -> {
                try {
                    known.await();
                    for (int i = 0; i < 5 && !done.await(30, TimeUnit.MILLISECONDS); i++) {
                        kick.kick(nat, tid[0]);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            kicker.start();
            tid[0] = nat.libc.gettid();
            known.countDown();
            long start = System.nanoTime();
            KvmRun run = kvm.runFor(300 * MS);
            long elapsed = System.nanoTime() - start;
            done.countDown();
            kicker.join();
            assertThat(run.detail).isEqualTo("time limit of 300.000 ms ran out");
            assertThat(elapsed).isGreaterThanOrEqualTo(300 * MS);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
