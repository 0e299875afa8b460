package dev.memscope.app.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.api.TraceEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event log as Chrome/Perfetto trace-event JSON (the "JSON Array Format" with {@code traceEvents}), on a timeline
 * of modelled time: one track per vCPU and one for the VMM. Page faults become complete events ("X") spanning from
 * {@code kvm_page_fault} to the fault's last phase (the {@code fault_phase} line with its RET_PF value; a fault the
 * log stops inside ends at its last phase so far, "in progress"); MMIO emulations and userspace exits become complete events
 * lasting their modelled cost; everything else is an instant event ("i"). Open it at ui.perfetto.dev.
 */
public final class PerfettoTrace {
    static final int PID = 1;
    static final int VMM_TID = 1000;

    private PerfettoTrace() {
    }

    public static ObjectNode of(List<TraceEvent> events, String title) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("displayTimeUnit", "ns");
        ArrayNode out = root.putArray("traceEvents");
        metadata(out, "process_name", PID, 0, title);
        metadata(out, "thread_name", PID, VMM_TID, "VMM (userspace)");
        Map<Integer, Boolean> named = new HashMap<>();
        Map<Integer, TraceEvent> openFault = new HashMap<>();
        Map<Integer, TraceEvent> lastPhase = new HashMap<>();
        for (TraceEvent e : events) {
            int tid = e.vcpu();
            if (named.putIfAbsent(tid, true) == null) {
                metadata(out, "thread_name", PID, tid, "vCPU " + tid);
            }
            switch (e.kind()) {
                case KVM_PAGE_FAULT -> {
                    if (openFault.containsKey(tid)) { // the last one ended with an errno: no RET_PF in its line
                        faultSpan(out, tid, openFault.remove(tid), lastPhase.remove(tid), "-");
                    }
                    openFault.put(tid, e);
                }
                case FAULT_PHASE -> {
                    // The phase that ran is in a1; the fault's last phase carries its RET_PF value in a2 (else -1).
                    if (openFault.containsKey(tid) && e.a2() >= 0) {
                        faultSpan(out, tid, openFault.remove(tid), e, RetPf.values()[(int) e.a2()].kernelName());
                        lastPhase.remove(tid);
                    } else {
                        lastPhase.put(tid, e);
                        instant(out, e, tid);
                    }
                }
                case KVM_MMIO -> complete(out, "MMIO emulation", "emulation", tid, e.nanos(),
                        e.kind().defaultCostNanos()).with("args").put("text", e.text());
                case KVM_USERSPACE_EXIT -> complete(out, "exit to userspace", "exit", VMM_TID, e.nanos(),
                        e.kind().defaultCostNanos()).with("args").put("text", e.text());
                case KVM_EXIT -> instant(out, e, tid).put("cat", "exit");
                default -> instant(out, e, tid);
            }
        }
        // A fault the log stops inside (a report made at a stop in the fault path) ends at its last phase so far.
        openFault.forEach((tid, start) -> faultSpan(out, tid, start, lastPhase.get(tid), "in progress"));
        return root;
    }

    private static void faultSpan(ArrayNode out, int tid, TraceEvent start, TraceEvent end, String result) {
        long endNanos = end == null ? start.nanos() : end.nanos();
        ObjectNode x = complete(out, "page fault", "fault", tid, start.nanos(), Math.max(1, endNanos - start.nanos()));
        x.with("args").put("address", hex(start.a1())).put("error_code", hex(start.a2()))
                .put("gfn", end == null ? "-" : hex(end.a3())).put("result", result);
    }

    private static void metadata(ArrayNode out, String name, int pid, int tid, String value) {
        ObjectNode m = out.addObject();
        m.put("name", name).put("ph", "M").put("pid", pid).put("tid", tid);
        m.putObject("args").put("name", value);
    }

    private static ObjectNode complete(ArrayNode out, String name, String cat, int tid, long startNanos,
            long durNanos) {
        ObjectNode x = out.addObject();
        x.put("name", name).put("cat", cat).put("ph", "X").put("pid", PID).put("tid", tid)
                .put("ts", startNanos / 1000.0).put("dur", durNanos / 1000.0);
        x.putObject("args");
        return x;
    }

    private static ObjectNode instant(ArrayNode out, TraceEvent e, int tid) {
        ObjectNode i = out.addObject();
        EventKind k = e.kind();
        i.put("name", k.tracepoint()).put("cat", k.system()).put("ph", "i").put("s", "t").put("pid", PID)
                .put("tid", tid).put("ts", e.nanos() / 1000.0);
        i.putObject("args").put("text", e.text());
        return i;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
