package dev.memscope.emulator.x86.bench;

import dev.memscope.emulator.x86.PlainRunner;
import dev.memscope.emulator.x86.VmExit;
import dev.memscope.guests.SampleGuests;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Guest instructions per second of the emulator on a sample guest ({@code bench}: the DESIGN.md workload, or
 * {@code sieve}), every access through the {@code PhysicalMemory} interface. One operation = one guest instruction.
 *
 * <p>Run (after {@code mvn -o -q -pl emulator -am test-compile}):
 * <pre>
 * mvn -o -q -pl emulator dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp emulator/target/test-classes:emulator/target/classes:sample-guests/target/classes:$(cat /tmp/cp.txt) \
 *     org.openjdk.jmh.Main EmulatorBenchmark
 * </pre>
 * Add {@code -jvmArgsAppend -XX:-TieredCompilation} to measure without tiered compilation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EmulatorBenchmark {
    static final int SLICE = 10_000_000;

    @Param({"bench", "sieve"})
    public String guest;

    private byte[] image;
    private PlainRunner runner;

    @Setup
    public void load() throws Exception {
        image = SampleGuests.image(guest).orElseThrow();
        runner = new PlainRunner(image);
    }

    /** Runs exactly {@link #SLICE} guest instructions, restarting the guest when it exits. */
    @Benchmark
    @OperationsPerInvocation(SLICE)
    public long instructions() throws Exception {
        long left = SLICE;
        while (left > 0) {
            long before = runner.cpu().instructionCount();
            int reason = runner.cpu().run(left);
            left -= runner.cpu().instructionCount() - before;
            if (reason != VmExit.BUDGET && reason != VmExit.IO_INSTRUCTION) {
                throw new IllegalStateException("the guest stopped: " + runner.cpu().exit().message);
            }
            if (reason == VmExit.IO_INSTRUCTION && runner.cpu().exit().port == 0xF4) {
                runner = new PlainRunner(image);
            }
        }
        return runner.cpu().instructionCount();
    }
}
