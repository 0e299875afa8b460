package dev.memscope.emulator.kvm;

import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.x86.VmExit;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Fault-path throughput for {@code memscope bench}: first-touch EPT-violation read faults on 4 KiB pages of a 1 GiB
 * anonymous slot, through the whole exit handler with events recorded (the workload of the model's JMH benchmark).
 * Reports the median rate by wall clock and by thread CPU time (the machine may be shared).
 */
public final class FaultBench {
    static final int FAULTS = 65_536;

    /**
     * @param wallFaultsPerSecond median over the rounds, wall clock; {@code cpuFaultsPerSecond} by thread CPU
     * @param cpuP10 the 10th percentile of the rounds by thread CPU (the slow rounds), {@code cpuP90} the 90th
     */
    public record Result(String mmu, double wallFaultsPerSecond, double cpuFaultsPerSecond, double eventsPerFault,
            double cpuP10, double cpuP90) {
    }

    private FaultBench() {
    }

    public static Result measure(MmuMode mode, int warmups, int rounds) {
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        double eventsPerFault = 0;
        for (int round = -warmups; round < rounds; round++) {
            Kvm kvm = Kvm.create(KvmConfig.defaults(mode));
            KvmVcpu vcpu = kvm.createVcpu(new SimplePagingState());
            long hva = kvm.host().mmap(1L << 30, MemoryBacking.ANONYMOUS);
            kvm.setUserMemoryRegion(0, 0, 0, 1L << 30, hva);
            VmExit exit = new VmExit();
            long e0 = kvm.log().nextSeq();
            long w0 = System.nanoTime();
            long c0 = tm.getCurrentThreadCpuTime();
            round(vcpu, exit);
            long c1 = tm.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            if (round >= 0) {
                wall[round] = FAULTS * 1e9 / Math.max(1, w1 - w0);
                cpu[round] = FAULTS * 1e9 / Math.max(1, c1 - c0);
                eventsPerFault = (kvm.log().nextSeq() - e0) / (double) FAULTS;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new Result(mode.cliName(), wall[rounds / 2], cpu[rounds / 2], eventsPerFault, cpu[rounds / 10],
                cpu[rounds * 9 / 10]);
    }

    /** One round, a method of its own so that HotSpot compiles it whole rather than only on stack replacement. */
    private static void round(KvmVcpu vcpu, VmExit exit) {
        for (int i = 0; i < FAULTS; i++) {
            exit.reason = VmExit.EPT_VIOLATION;
            exit.gpa = (long) i << 12;
            exit.qualification = 0x1; // a read
            vcpu.handleExit(exit);
        }
    }
}
