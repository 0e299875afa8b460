package dev.memscope.emulator.backend;

import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.trace.EventLog;
import java.util.List;
import java.util.Map;

/**
 * What a backend can show of the kernel's side beyond the ioctl API. The simulated backend shows everything; the
 * real one cannot see SPTEs, faults or the memslot generation (the kernel does not expose them) and does not
 * implement this. Called on the machine thread only.
 */
public interface Introspection {
    /** Guest instructions retired since the VM was created. */
    long instructionsRetired();

    List<MemslotInfo> memslots();

    long memslotGeneration();

    /** KVM stat counters by name ({@code pf_taken}, {@code pf_fixed}, ...). */
    Map<String, Long> counters();

    EventLog eventLog();

    /** The fault in progress (when stopped between its phases), or null. */
    FaultRecord currentFault();

    /** The last {@code max} completed faults, oldest first. */
    List<FaultRecord> recentFaults(int max);

    /** Guest-physical memory as the VMM's memslots map it; unbacked bytes read as 0xff. */
    byte[] readGuestPhysical(long gpa, int length);
}
