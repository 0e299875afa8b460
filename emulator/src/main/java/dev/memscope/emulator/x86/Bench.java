package dev.memscope.emulator.x86;

import dev.memscope.emulator.vmm.ElfFormatException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Emulator throughput: runs a guest image to its exit code on {@link PlainRunner} (every access through the
 * {@link PhysicalMemory} interface) several times in one JVM and reports guest instructions per second of the best
 * run after warm-up. {@code memscope bench} calls {@link #measure} with the {@code sieve} and {@code bench} images.
 *
 * <p>From a shell: {@code java -cp emulator/target/classes dev.memscope.emulator.x86.Bench IMAGE.elf...}
 */
public final class Bench {
    /**
     * One measurement: the guest's instruction count per run, the best and median wall-clock rates over the runs, and
     * the best rate by the thread's CPU time (which leaves out time the thread waited for a core on a shared machine).
     */
    public record Result(String guest, long instructionsPerRun, int runs, double bestInstructionsPerSecond,
            double medianInstructionsPerSecond, double bestCpuTimeInstructionsPerSecond) {
        @Override
        public String toString() {
            return String.format("%s: %,d instructions per run, best %.1f M/s, median %.1f M/s over %d runs "
                    + "(wall clock); best %.1f M/s by CPU time", guest, instructionsPerRun,
                    bestInstructionsPerSecond / 1e6, medianInstructionsPerSecond / 1e6, runs,
                    bestCpuTimeInstructionsPerSecond / 1e6);
        }
    }

    private Bench() {
    }

    /**
     * Runs {@code elf} {@code warmups} times unmeasured, then {@code runs} times measured. Fails if the guest does not
     * exit with code 0 (a benchmark of a broken run measures nothing).
     */
    public static Result measure(String guest, byte[] elf, int warmups, int runs) throws ElfFormatException {
        double[] rates = new double[runs];
        double bestCpu = 0;
        long instructions = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmups + runs; i++) {
            PlainRunner runner = new PlainRunner(elf);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            PlainRunner.Result r = runner.run(Long.MAX_VALUE / 2);
            long nanos = System.nanoTime() - start;
            long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            if (r.exitCode() != 0) {
                throw new IllegalStateException(guest + " did not exit with 0: " + r.stopMessage() + "\n"
                        + r.console());
            }
            instructions = r.instructions();
            if (i >= warmups) {
                rates[i - warmups] = instructions * 1e9 / nanos;
                if (cpuNanos > 0) {
                    bestCpu = Math.max(bestCpu, instructions * 1e9 / cpuNanos);
                }
            }
        }
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        return new Result(guest, instructions, runs, sorted[runs - 1], sorted[runs / 2], bestCpu);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench IMAGE.elf... (runs each to its exit code: 3 warm-ups, 5 measured)");
            System.exit(2);
        }
        for (String a : args) {
            Path p = Path.of(a);
            String name = p.getFileName().toString().replaceFirst("\\.elf$", "");
            System.out.println(measure(name, Files.readAllBytes(p), 3, 5));
        }
    }
}
