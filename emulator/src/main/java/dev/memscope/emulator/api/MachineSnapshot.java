package dev.memscope.emulator.api;

import java.util.List;
import java.util.Map;

/**
 * Everything the panes read at one moment, immutable. The machine publishes a new one at every stop and, while it
 * runs, a few times a second; views compare {@link #version()} to see whether anything changed.
 *
 * @param version grows by one with every published snapshot
 * @param stopReason why the machine stopped (or failed), in words; empty while running
 * @param setup what is running and how
 * @param cpu the vCPU's state, or null when the backend cannot show it (no guest)
 * @param instructions guest instructions retired (simulated backend), or -1
 * @param consoleLength bytes the guest has written to its console so far
 * @param consoleTail the last (up to 64 KiB) of them, as text
 * @param counters KVM stat counters ({@code pf_taken}, {@code pf_fixed}, ...) and {@code exits.*} by reason
 * @param memslots every memslot of both address spaces, in slot-id order
 * @param memslotGeneration the memslots' generation (bit 63: update in progress)
 * @param currentFault the fault being handled when stopped mid-fault, else null
 * @param recentFaults the last faults, oldest first
 * @param holeHits accesses to the ECAM window per PCI function that was touched
 * @param exitCode the guest's exit code once EXITED, else null
 * @param lastEventSeq sequence number of the newest event in the log (for draining)
 * @param modelledNanos modelled time of the run so far (cost model), 0 on real KVM
 * @param wallNanos host time spent running the guest
 * @param notes what the backend or VMM did differently, in words (for example an unsupported feature)
 * @param kernelInternalsVisible false only on real KVM: the kernel does not expose SPTEs and fault phases (with no
 *        guest, or a simulated one that failed to load, there is simply nothing to show yet)
 * @param position where the machine stands, as the stop position that runs there again from the guest's entry
 *        ({@code insn:N}, {@code fault:N/phase}, {@code exit:N}, {@code end}); null while running or without a guest
 * @param positionExact whether {@code position} names this very stop; false when it is only the nearest earlier stop
 *        the machine can name (a stop at a memory access or an SPTE change inside an instruction)
 * @param variantSwitches the live variant switches since the guest was loaded, oldest first
 */
public record MachineSnapshot(long version, RunState state, String stopReason, Setup setup, CpuState cpu,
        long instructions, long consoleLength, String consoleTail, Map<String, Long> counters,
        List<MemslotInfo> memslots, long memslotGeneration, FaultRecord currentFault, List<FaultRecord> recentFaults,
        List<HoleHits> holeHits, Long exitCode, long lastEventSeq, long modelledNanos, long wallNanos,
        List<String> notes, boolean kernelInternalsVisible, StopAt position, boolean positionExact,
        List<VariantSwitch> variantSwitches) {

    /**
     * @param guest the guest's name; {@code imageSha256} identifies its bytes
     * @param backend {@code sim} or {@code kvm}; {@code backendDescription} says more (MMU mode, kernel)
     * @param prefetchPolicy the ALLONES prefetch policy's name
     */
    public record Setup(String guest, String imageSha256, String backend, String backendDescription,
            HoleVariant variant, MmuMode mmu, String prefetchPolicy, long ramBytes, long ecamBase, int ecamBuses) {
    }

    public MachineSnapshot {
        counters = Map.copyOf(counters);
        memslots = List.copyOf(memslots);
        recentFaults = List.copyOf(recentFaults);
        holeHits = List.copyOf(holeHits);
        notes = List.copyOf(notes);
        variantSwitches = variantSwitches == null ? List.of() : List.copyOf(variantSwitches);
    }

    /** A snapshot without a stop position (fixtures of the views, which do not replay). */
    public MachineSnapshot(long version, RunState state, String stopReason, Setup setup, CpuState cpu,
            long instructions, long consoleLength, String consoleTail, Map<String, Long> counters,
            List<MemslotInfo> memslots, long memslotGeneration, FaultRecord currentFault,
            List<FaultRecord> recentFaults, List<HoleHits> holeHits, Long exitCode, long lastEventSeq,
            long modelledNanos, long wallNanos, List<String> notes, boolean kernelInternalsVisible) {
        this(version, state, stopReason, setup, cpu, instructions, consoleLength, consoleTail, counters, memslots,
                memslotGeneration, currentFault, recentFaults, holeHits, exitCode, lastEventSeq, modelledNanos,
                wallNanos, notes, kernelInternalsVisible, null, false, List.of());
    }

    public static MachineSnapshot empty(long version) {
        return new MachineSnapshot(version, RunState.NO_GUEST, "", null, null, -1, 0, "", Map.of(), List.of(), 0,
                null, List.of(), List.of(), null, 0, 0, 0, List.of(), true);
    }

    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }
}
