package dev.memscope.app.cli;

import dev.memscope.emulator.kvm.FaultBench;
import dev.memscope.emulator.kvm.MmuMode;
import dev.memscope.emulator.x86.Bench;
import dev.memscope.guests.SampleGuests;

/**
 * One figure of {@code memscope bench}, in a JVM of its own (as JMH forks): a benchmark run after another in the same
 * JVM inherits its JIT profile and heap, which skews it (the fault path measured a third of its speed after the
 * emulator's runs). Prints one line of tab-separated numbers for the parent to read.
 */
public final class BenchWorker {
    private BenchWorker() {
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        int runs = Integer.parseInt(args[1]);
        switch (what) {
            case "bench", "sieve" -> {
                Bench.Result r = Bench.measure(what, SampleGuests.image(what).orElseThrow(), 2, runs);
                System.out.println(r.instructionsPerRun() + "\t" + r.bestInstructionsPerSecond() + "\t"
                        + r.medianInstructionsPerSecond());
            }
            case "faults" -> {
                // One round is 65,536 faults (~10 ms once compiled). HotSpot reaches the fault path's steady state
                // after 0.5 to 3 s here, so 200 rounds of warm-up; the fault path is memory-bound and its rate moves
                // by a third from one fraction of a second to the next on a shared host (docs/perf.md), so the
                // median is taken over 20 rounds per run asked for (100 by default, about 1.5 s).
                FaultBench.Result r = FaultBench.measure(MmuMode.TDP, 200, Math.max(runs, 1) * 20);
                System.out.println(r.wallFaultsPerSecond() + "\t" + r.cpuFaultsPerSecond() + "\t"
                        + r.eventsPerFault() + "\t" + r.cpuP10() + "\t" + r.cpuP90());
            }
            default -> throw new IllegalArgumentException("unknown benchmark " + what);
        }
    }
}
