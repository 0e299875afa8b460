package dev.memscope.app.lessons;

import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.PreFaultResult;
import java.util.List;
import java.util.Map;

/**
 * The machine as a lesson step left it: the snapshot, and what the event log recorded since the guest was loaded
 * (counts by tracepoint), and the {@code KVM_PRE_FAULT_MEMORY} calls the VMM made, in order.
 *
 * @param eventsLost true when the log overwrote events before they were read (event counts are then incomplete)
 */
public record StopState(MachineSnapshot snapshot, Map<String, Long> eventCounts, List<PreFaultResult> preFaults,
        boolean eventsLost) {
    public StopState {
        eventCounts = Map.copyOf(eventCounts);
        preFaults = List.copyOf(preFaults);
    }
}
