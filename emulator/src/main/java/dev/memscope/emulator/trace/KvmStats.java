package dev.memscope.emulator.trace;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counters under KVM's stat names. One writer (the machine thread); {@link #snapshot()} copies them. */
public final class KvmStats {
    private final long[] values = new long[Stat.values().length];

    public void inc(Stat stat) {
        values[stat.ordinal()]++;
    }

    public void add(Stat stat, long delta) {
        values[stat.ordinal()] += delta;
    }

    public long get(Stat stat) {
        return values[stat.ordinal()];
    }

    /** Stat name to value, in declaration order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Stat s : Stat.values()) {
            m.put(s.kernelName(), values[s.ordinal()]);
        }
        return m;
    }
}
