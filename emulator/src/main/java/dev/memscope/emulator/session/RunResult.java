package dev.memscope.emulator.session;

import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.vmm.DirtyPull;
import dev.memscope.emulator.vmm.PreFaultCall;
import java.util.List;
import java.util.Map;

/**
 * The outcome of running one guest to its end: what {@code memscope run --json} prints and {@code compare} tabulates.
 *
 * @param exitCode the guest's exit code, or null if the run failed
 * @param failure why the run failed, or null
 * @param instructions guest instructions retired, or -1 on a backend that cannot count them
 * @param exits exits to userspace by short reason name ({@code MMIO}, {@code IO}, {@code HLT}, ...)
 * @param counters KVM stat counters (simulated backend) and Memscope's own
 * @param holeHostBytes host memory the PCI-hole plan costs
 * @param modelledNanos modelled time (cost model; simulated backend), else 0
 * @param wallNanos host time spent in KVM_RUN (running the guest and handling its exits), without start-up
 */
public record RunResult(String guest, String backend, String backendDescription, String variant, String mmu,
        Long exitCode, String failure, byte[] console, long instructions, Map<String, Long> exits,
        Map<String, Long> counters, List<MemslotInfo> memslots, long holeHostBytes, long modelledNanos,
        long wallNanos, List<String> notes, List<PreFaultCall> preFaultCalls, List<DirtyPull> dirtyPulls) {

    public RunResult {
        console = console.clone();
        exits = Map.copyOf(exits);
        counters = Map.copyOf(counters);
        memslots = List.copyOf(memslots);
        notes = List.copyOf(notes);
        preFaultCalls = List.copyOf(preFaultCalls);
        dirtyPulls = List.copyOf(dirtyPulls);
    }

    @Override
    public byte[] console() {
        return console.clone();
    }

    public String consoleText() {
        return new String(console, java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean succeeded() {
        return failure == null && exitCode != null;
    }
}
