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
    /** One measurement: the guest's instruction count per run, and the best and median rates over the runs. */
    public record Result(String guest, long instructionsPerRun, int runs, double bestInstructionsPerSecond,
            double medianInstructionsPerSecond) {
        @Override
        public String toString() {
            return String.format("%s: %,d instructions per run, best %.1f M/s, median %.1f M/s over %d runs", guest,
                    instructionsPerRun, bestInstructionsPerSecond / 1e6, medianInstructionsPerSecond / 1e6, runs);
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
        long instructions = 0;
        for (int i = 0; i < warmups + runs; i++) {
            PlainRunner runner = new PlainRunner(elf);
            long start = System.nanoTime();
            PlainRunner.Result r = runner.run(Long.MAX_VALUE / 2);
            long nanos = System.nanoTime() - start;
            if (r.exitCode() != 0) {
                throw new IllegalStateException(guest + " did not exit with 0: " + r.stopMessage() + "\n"
                        + r.console());
            }
            instructions = r.instructions();
            if (i >= warmups) {
                rates[i - warmups] = instructions * 1e9 / nanos;
            }
        }
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        return new Result(guest, instructions, runs, sorted[runs - 1], sorted[runs / 2]);
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
