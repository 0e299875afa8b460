package dev.memscope.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memscope.emulator.kvm.FaultBench;
import dev.memscope.emulator.kvm.MmuMode;
import dev.memscope.emulator.x86.Bench;
import dev.memscope.guests.SampleGuests;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = {"Emulator and fault-path throughput on this machine.",
    "Guest instructions per second on the bench guest (xorshift + loads/stores over 64 KiB + calls) and on sieve, "
        + "every access through the memory interface; modelled 4 KiB faults per second with events recorded."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print the figures as JSON.")
    private boolean json;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per figure. Default: ${DEFAULT-VALUE}.")
    private int runs;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            spec.commandLine().getErr().println("memscope: --runs must be at least 1");
            return ExitCodes.USAGE;
        }
        Bench.Result bench = Bench.measure("bench", SampleGuests.image("bench").orElseThrow(), 2, runs);
        Bench.Result sieve = Bench.measure("sieve", SampleGuests.image("sieve").orElseThrow(), 2, runs);
        FaultBench.Result faults = FaultBench.measure(MmuMode.TDP, 5, Math.max(runs, 5));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = RunJson.MAPPER.createObjectNode();
            o.put("instructionsPerSecond", bench.bestInstructionsPerSecond());
            o.put("instructionsPerSecondMedian", bench.medianInstructionsPerSecond());
            o.put("sieveInstructionsPerSecond", sieve.bestInstructionsPerSecond());
            o.put("faultsPerSecond", faults.wallFaultsPerSecond());
            o.put("faultsPerCpuSecond", faults.cpuFaultsPerSecond());
            o.put("eventsPerFault", faults.eventsPerFault());
            o.put("jdk", System.getProperty("java.version"));
            o.put("cpus", Runtime.getRuntime().availableProcessors());
            out.println(o.toPrettyString());
        } else {
            out.println(bench);
            out.println(sieve);
            out.printf("faults (%s MMU, 4 KiB first touch, %.1f events each): median %.2f M/s wall clock, %.2f M/s "
                    + "thread CPU%n", faults.mmu(), faults.eventsPerFault(), faults.wallFaultsPerSecond() / 1e6,
                    faults.cpuFaultsPerSecond() / 1e6);
            out.printf("JDK %s, %d CPUs%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
        }
        return 0;
    }
}
