package dev.memscope.emulator.kvm.bench;

import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.kvm.Kvm;
import dev.memscope.emulator.kvm.KvmConfig;
import dev.memscope.emulator.kvm.KvmVcpu;
import dev.memscope.emulator.kvm.MmuMode;
import dev.memscope.emulator.kvm.SimplePagingState;
import dev.memscope.emulator.x86.VmExit;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The same workload as {@link KvmFaultBench} without JMH, reporting both wall-clock and thread-CPU rates (the
 * machine is shared: CPU time is the figure that does not depend on what else runs). Prints the median of 30
 * rounds of 65,536 faults after 10 warm-up rounds. Args: {@code TDP|LEGACY_DIRECT first|refault}.
 */
public final class FaultRate {
    public static void main(String[] args) {
        MmuMode mode = MmuMode.valueOf(args.length > 0 ? args[0] : "TDP");
        boolean first = args.length < 2 || args[1].equals("first");
        int n = KvmFaultBench.FAULTS;
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        double[] wall = new double[30];
        double[] cpu = new double[30];
        long events = 0;
        for (int round = -10; round < 30; round++) {
            Kvm kvm = Kvm.create(KvmConfig.defaults(mode));
            KvmVcpu vcpu = kvm.createVcpu(new SimplePagingState());
            long hva = kvm.host().mmap(1L << 30, MemoryBacking.ANONYMOUS);
            kvm.setUserMemoryRegion(0, 0, 0, 1L << 30, hva);
            VmExit exit = new VmExit();
            if (!first) {
                run(vcpu, exit, n);
                kvm.mmu().zapAllForBenchmark();
            }
            long e0 = kvm.log().nextSeq();
            long w0 = System.nanoTime();
            long c0 = tm.getCurrentThreadCpuTime();
            run(vcpu, exit, n);
            long c1 = tm.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            if (round >= 0) {
                wall[round] = n * 1e3 / (w1 - w0);
                cpu[round] = n * 1e3 / (c1 - c0);
                events = kvm.log().nextSeq() - e0;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%s %s: median %.2f M faults/s wall, %.2f M faults/s thread CPU (min %.2f, max %.2f);"
                + " %.1f events per fault%n", mode, first ? "first-touch" : "refault", wall[15], cpu[15], cpu[0],
                cpu[29], events / (double) n);
    }

    private static void run(KvmVcpu vcpu, VmExit exit, int n) {
        for (int i = 0; i < n; i++) {
            exit.reason = VmExit.EPT_VIOLATION;
            exit.gpa = (long) i << 12;
            exit.qualification = 0x2;
            vcpu.handleExit(exit);
        }
    }
}
