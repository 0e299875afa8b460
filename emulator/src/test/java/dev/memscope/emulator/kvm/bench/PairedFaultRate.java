package dev.memscope.emulator.kvm.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A/B of two builds of the emulator module in one JVM: each jar gets a class loader of its own and the two run
 * {@code FaultBench} rounds (65,536 TDP faults in a fresh VM) in alternation, so a slow or fast phase of a shared
 * host falls on both alike. Prints each build's rate distribution (thread CPU) and in how many paired rounds the
 * second beat the first. Separate JVMs cannot show a few per cent on these hosts: runs of one build differ by a third.
 *
 * <p>Args: {@code A.jar B.jar [rounds]}; the classpath must hold the emulator's dependencies (the bench classpath of
 * docs/perf.md); classes of the emulator module on it are ignored.
 */
public final class PairedFaultRate {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PairedFaultRate A.jar B.jar [rounds]");
            System.exit(2);
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        List<URL> deps = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("memscope-emulator") && !entry.replace('\\', '/').contains("emulator/target")) {
                deps.add(Path.of(entry).toUri().toURL());
            }
        }
        Method[] measure = new Method[2];
        Object[] tdp = new Object[2];
        Method[] cpuRate = new Method[2];
        for (int v = 0; v < 2; v++) {
            List<URL> urls = new ArrayList<>();
            urls.add(Path.of(args[v]).toUri().toURL());
            urls.addAll(deps);
            ClassLoader cl = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            @SuppressWarnings({"unchecked", "rawtypes"})
            Class<Enum> mode = (Class<Enum>) cl.loadClass("dev.memscope.emulator.kvm.MmuMode");
            tdp[v] = Enum.valueOf(mode, "TDP");
            measure[v] = cl.loadClass("dev.memscope.emulator.kvm.FaultBench").getMethod("measure", mode, int.class,
                    int.class);
            cpuRate[v] = measure[v].getReturnType().getMethod("cpuFaultsPerSecond");
        }
        double[][] rate = new double[2][rounds];
        for (int round = -150; round < rounds; round++) {
            for (int i = 0; i < 2; i++) {
                int v = (i + round) & 1; // alternate which build goes first
                Object result = measure[v].invoke(null, tdp[v], 0, 1);
                if (round >= 0) {
                    rate[v][round] = (double) cpuRate[v].invoke(result) / 1e6;
                }
            }
        }
        for (int v = 0; v < 2; v++) {
            double[] s = rate[v].clone();
            Arrays.sort(s);
            System.out.printf("%s: p10 %.2f, median %.2f, p90 %.2f M faults/s (thread CPU)%n", args[v],
                    s[rounds / 10], s[rounds / 2], s[rounds * 9 / 10]);
        }
        int wins = 0;
        double ratio = 0;
        for (int i = 0; i < rounds; i++) {
            wins += rate[1][i] > rate[0][i] ? 1 : 0;
            ratio += rate[1][i] / rate[0][i] / rounds;
        }
        System.out.printf("the second beat the first in %d of %d paired rounds; mean ratio %.3f%n", wins, rounds,
                ratio);
    }
}
