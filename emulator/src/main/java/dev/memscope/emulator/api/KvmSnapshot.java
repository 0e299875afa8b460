package dev.memscope.emulator.api;

import java.util.List;
import java.util.Map;

/**
 * Everything a view shows about the KVM model at one moment, copied on the machine thread and then read anywhere:
 * memslots with generations, the SPTE tables, the counters under KVM's stat names, host memory, the recent faults
 * and the modelled time.
 *
 * @param generations the memslot generation of address space 0 and 1
 * @param eventSeq the sequence number the next event will get (drain from here to follow on)
 */
public record KvmSnapshot(String mmu, long[] generations, List<MemslotInfo> memslots, List<SpteTableNode> tables,
        Map<String, Long> counters, HostMemoryInfo host, List<FaultRecord> recentFaults, long modelledNanos,
        long eventSeq) {

    public KvmSnapshot {
        generations = generations.clone();
        memslots = List.copyOf(memslots);
        tables = List.copyOf(tables);
        counters = Map.copyOf(counters);
        recentFaults = List.copyOf(recentFaults);
    }

    @Override
    public long[] generations() {
        return generations.clone();
    }
}
