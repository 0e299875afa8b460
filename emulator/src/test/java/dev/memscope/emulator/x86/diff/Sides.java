package dev.memscope.emulator.x86.diff;

import dev.memscope.emulator.backend.AbiGuestRunner;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.backend.kvm.KvmBackend;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.x86.PlainRunner;
import dev.memscope.emulator.x86.VmExit;

/** Runs a batch image on each side and returns the result bytes (memory slots and output records). */
final class Sides {
    private Sides() {
    }

    /** @param blockThreshold 0 interprets every instruction; 1 translates every trace the first time it runs */
    static byte[] emulator(BatchImage batch, int blockThreshold) throws Exception {
        PlainRunner runner = new PlainRunner(batch.elf);
        runner.cpu().setBlockThreshold(blockThreshold);
        PlainRunner.Result r = runner.run(100L * batch.count + 100_000);
        VmExit e = runner.cpu().exit();
        if (r.stopReason() != VmExit.MMIO || !e.isWrite || e.gpa != BatchImage.DONE_GPA) {
            throw new AssertionError("the batch did not finish on the emulator: " + r.stopMessage());
        }
        return runner.ram().read(batch.resultStart(), batch.resultLength());
    }

    static byte[] kvm(BatchImage batch) throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            AbiGuestRunner runner = AbiGuestRunner.load(kvm, ElfImage.parse(batch.elf), MemoryMap.defaults());
            long deadline = System.nanoTime() + 120_000_000_000L;
            for (;;) {
                KvmRun run = kvm.runFor(10_000_000_000L);
                if (run.exitReason == KvmExitReason.MMIO && run.mmioIsWrite && run.mmioPhysAddr == BatchImage.DONE_GPA) {
                    break;
                }
                if (run.exitReason != KvmExitReason.INTR || System.nanoTime() > deadline) {
                    throw new AssertionError("the batch did not finish on KVM: " + KvmExitReason.name(run.exitReason)
                            + (run.detail == null ? "" : ": " + run.detail));
                }
            }
            byte[] out = new byte[batch.resultLength()];
            kvm.readHost(runner.ramHva() + batch.resultStart(), out, 0, out.length);
            return out;
        }
    }
}
