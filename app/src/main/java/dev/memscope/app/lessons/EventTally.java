package dev.memscope.app.lessons;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.PreFaultResult;
import dev.memscope.emulator.api.TraceEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts the events of one guest run by tracepoint, reading the log from where it last stopped. */
final class EventTally {
    private static final int BATCH = 1 << 16;
    private final Map<String, Long> counts = new HashMap<>();
    private long next;
    private boolean lost;

    StopState read(MachineControl machine, MachineSnapshot s, List<PreFaultResult> preFaults) {
        while (true) {
            List<TraceEvent> batch = machine.eventsSince(next, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (TraceEvent e : batch) {
                if (e.seq() != next) {
                    lost = true;
                }
                next = e.seq() + 1;
                counts.merge("events." + e.kind().tracepoint(), 1L, Long::sum);
                if (e.kind() == EventKind.VCPU_MAP) {
                    counts.merge(e.a3() != 0 ? "vcpu_map.memremap" : "vcpu_map.kmap", 1L, Long::sum);
                }
            }
        }
        return new StopState(s, counts, preFaults, lost);
    }
}
