package dev.memscope.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        String[] bench = fork("bench");
        String[] sieve = fork("sieve");
        String[] faults = fork("faults");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = RunJson.MAPPER.createObjectNode();
            o.put("instructionsPerSecond", Double.parseDouble(bench[1]));
            o.put("instructionsPerSecondMedian", Double.parseDouble(bench[2]));
            o.put("sieveInstructionsPerSecond", Double.parseDouble(sieve[1]));
            o.put("faultsPerSecond", Double.parseDouble(faults[0]));
            o.put("faultsPerCpuSecond", Double.parseDouble(faults[1]));
            o.put("eventsPerFault", Double.parseDouble(faults[2]));
            o.put("faultsPerCpuSecondP10", Double.parseDouble(faults[3]));
            o.put("faultsPerCpuSecondP90", Double.parseDouble(faults[4]));
            o.put("jdk", System.getProperty("java.version"));
            o.put("jvmArgs", String.join(" ", jvmArgs()));
            o.put("cpus", Runtime.getRuntime().availableProcessors());
            out.println(o.toPrettyString());
        } else {
            out.printf("bench: %,d instructions per run, best %.1f M/s, median %.1f M/s over %d runs%n",
                    Long.parseLong(bench[0]), Double.parseDouble(bench[1]) / 1e6, Double.parseDouble(bench[2]) / 1e6,
                    runs);
            out.printf("sieve: %,d instructions per run, best %.1f M/s, median %.1f M/s over %d runs%n",
                    Long.parseLong(sieve[0]), Double.parseDouble(sieve[1]) / 1e6, Double.parseDouble(sieve[2]) / 1e6,
                    runs);
            out.printf("faults (tdp MMU, 4 KiB first touch, %.1f events each): median %.2f M/s wall clock, %.2f M/s "
                    + "thread CPU (10th-90th percentile of %d rounds: %.2f-%.2f)%n", Double.parseDouble(faults[2]),
                    Double.parseDouble(faults[0]) / 1e6, Double.parseDouble(faults[1]) / 1e6, runs * 20,
                    Double.parseDouble(faults[3]) / 1e6, Double.parseDouble(faults[4]) / 1e6);
            out.printf("JDK %s, %d CPUs, each figure in a JVM of its own%s%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), jvmArgs().isEmpty() ? "" : " with "
                            + String.join(" ", jvmArgs()));
        }
        return 0;
    }

    /** Runs one benchmark in a new JVM with this one's classpath and options; returns its numbers. */
    private String[] fork(String what) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchWorker.class.getName());
        cmd.add(what);
        cmd.add(Integer.toString(runs));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || line.isEmpty()) {
            throw new IllegalStateException("the " + what + " benchmark failed (exit " + p.exitValue() + ")");
        }
        String[] lines = line.split("\n");
        return lines[lines.length - 1].split("\t");
    }

    /** This JVM's options that matter to a benchmark (heap, GC, JIT, Memscope's own), passed on to the forks. */
    private static List<String> jvmArgs() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") && !a.startsWith("-Xss") || a.startsWith("-XX:")
                        || a.startsWith("-Dmemscope.")).toList();
    }
}
