package dev.memscope.emulator.kvm.bench;

import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.kvm.ExitAction;
import dev.memscope.emulator.kvm.Kvm;
import dev.memscope.emulator.kvm.KvmConfig;
import dev.memscope.emulator.kvm.KvmVcpu;
import dev.memscope.emulator.kvm.MmuMode;
import dev.memscope.emulator.kvm.SimplePagingState;
import dev.memscope.emulator.x86.VmExit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Modelled 4 KiB page faults per second, with every event recorded (all kinds on, fault phases included). Each
 * invocation takes {@value #FAULTS} EPT-violation exits on consecutive gfns of a 1 GiB slot, through
 * {@link KvmVcpu#handleExit} (kvm_exit, kvm_page_fault, the phases, table allocation, the leaf, its events).
 * {@code firstTouch}: a fresh VM each time, so every fault also faults in its host page (pfn handed out and
 * accounted; storage is made on first data access). Otherwise the tables are zapped between invocations and the
 * host pages are already present. Run (see docs/perf.md):
 * {@code java -cp "$(cat emulator/target/bench.cp):emulator/target/classes:emulator/target/test-classes"
 * org.openjdk.jmh.Main KvmFaultBench}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class KvmFaultBench {
    static final int FAULTS = 1 << 16;
    private static final long GB = 1L << 30;

    @Param({"TDP", "LEGACY_DIRECT"})
    public MmuMode mode;

    @Param({"true", "false"})
    public boolean firstTouch;

    private Kvm kvm;
    private KvmVcpu vcpu;
    private final VmExit exit = new VmExit();
    private long hva;

    @Setup(Level.Trial)
    public void trial() {
        newVm();
    }

    private void newVm() {
        kvm = Kvm.create(KvmConfig.defaults(mode));
        vcpu = kvm.createVcpu(new SimplePagingState());
        hva = kvm.host().mmap(GB, MemoryBacking.ANONYMOUS);
        kvm.setUserMemoryRegion(0, 0, 0, GB, hva);
    }

    @Setup(Level.Invocation)
    public void invocation() {
        if (firstTouch) {
            newVm();
        } else {
            kvm.mmu().zapAllForBenchmark();
        }
    }

    @Benchmark
    @OperationsPerInvocation(FAULTS)
    public int faults() {
        int fixed = 0;
        for (int i = 0; i < FAULTS; i++) {
            exit.reason = VmExit.EPT_VIOLATION;
            exit.gpa = (long) i << 12;
            exit.qualification = 0x2; // write, no gla
            if (vcpu.handleExit(exit) == ExitAction.REENTER) {
                fixed++;
            }
        }
        return fixed;
    }
}
