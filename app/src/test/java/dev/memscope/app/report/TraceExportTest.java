package dev.memscope.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.api.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceExportTest {
    private static TraceEvent ev(long seq, long nanos, EventKind kind, long... args) {
        long[] a = java.util.Arrays.copyOf(args, 6);
        return new TraceEvent(seq, nanos, 0, kind, a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    private static List<TraceEvent> oneFaultAndAnExit() {
        List<TraceEvent> events = new ArrayList<>();
        events.add(ev(0, 1_000, EventKind.KVM_PAGE_FAULT, 0x100010, 0xB0000000L, 0x181));
        events.add(ev(1, 1_200, EventKind.FAULT_PHASE, 0xB0000000L, FaultPhase.FAULTIN_PFN.ordinal(), -1, 0xB0000));
        // As the model records it: the phase that ran, and on the fault's last phase its RET_PF value.
        events.add(ev(2, 1_700, EventKind.FAULT_PHASE, 0xB0000000L, FaultPhase.MAP.ordinal(),
                RetPf.EMULATE.ordinal(), 0xB0000));
        events.add(ev(3, 2_300, EventKind.KVM_MMIO, 0, 4, 0xB0000000L, 0));
        events.add(ev(4, 7_300, EventKind.KVM_USERSPACE_EXIT, 6, 0));
        return events;
    }

    @Test
    void trace_cmd_text_has_one_line_per_event_in_modelled_seconds() {
        String text = TraceText.of(oneFaultAndAnExit(), "guest pci-scan");
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("# guest pci-scan");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).matches("\\s+vcpu-0-1 \\[000\\]\\s+0\\.000001: kvm_page_fault:\\s+vcpu 0 rip 0x100010 "
                + "address 0x00000000b0000000 error_code 0x181");
        assertThat(lines.get(2)).contains("memscope:fault_phase:");
    }

    @Test
    void a_gap_in_sequence_numbers_is_written_down() {
        List<TraceEvent> events = new ArrayList<>(oneFaultAndAnExit());
        events.remove(2);
        events.remove(1);
        assertThat(TraceText.of(events, "x")).contains("# 2 events lost here");
    }

    @Test
    void perfetto_json_puts_faults_as_spans_and_userspace_exits_on_the_vmm_track() throws Exception {
        String json = PerfettoTrace.of(oneFaultAndAnExit(), "pci-scan").toString();
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode events = root.get("traceEvents");
        List<JsonNode> spans = new ArrayList<>();
        events.forEach(e -> {
            if (e.get("ph").asText().equals("X")) {
                spans.add(e);
            }
        });
        assertThat(spans).extracting(e -> e.get("name").asText())
                .containsExactly("page fault", "MMIO emulation", "exit to userspace");
        JsonNode fault = spans.get(0);
        assertThat(fault.get("ts").asDouble()).isEqualTo(1.0);
        assertThat(fault.get("dur").asDouble()).isEqualTo(0.7);
        assertThat(fault.get("args").get("result").asText()).isEqualTo("RET_PF_EMULATE");
        assertThat(spans.get(2).get("tid").asInt()).isEqualTo(PerfettoTrace.VMM_TID);
        long metadata = 0;
        for (JsonNode e : events) {
            assertThat(e.get("ph").asText()).isIn("X", "i", "M");
            if (e.get("ph").asText().equals("M")) {
                metadata++;
            }
        }
        assertThat(metadata).isEqualTo(3); // process name, the VMM track, vCPU 0
    }

    private static List<JsonNode> spans(List<TraceEvent> events) throws Exception {
        List<JsonNode> spans = new ArrayList<>();
        new ObjectMapper().readTree(PerfettoTrace.of(events, "t").toString()).get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("X") && e.get("name").asText().equals("page fault")) {
                spans.add(e);
            }
        });
        return spans;
    }

    @Test
    void a_fault_that_failed_with_an_errno_ends_where_the_next_begins_and_one_the_log_stops_inside_is_in_progress()
            throws Exception {
        List<TraceEvent> events = new ArrayList<>();
        events.add(ev(0, 1_000, EventKind.KVM_PAGE_FAULT, 0x100010, 0x5000, 0x4));
        events.add(ev(1, 1_300, EventKind.FAULT_PHASE, 0x5000, FaultPhase.FAULTIN_PFN.ordinal(), -1, 0x5));
        events.add(ev(2, 2_000, EventKind.KVM_PAGE_FAULT, 0x100010, 0x5000, 0x4));
        events.add(ev(3, 2_100, EventKind.FAULT_PHASE, 0x5000, FaultPhase.DECODE.ordinal(), -1, 0x5));
        List<JsonNode> spans = spans(events);
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0).get("dur").asDouble()).isEqualTo(0.3);
        assertThat(spans.get(0).get("args").get("result").asText()).isEqualTo("-");
        assertThat(spans.get(1).get("ts").asDouble()).isEqualTo(2.0);
        assertThat(spans.get(1).get("args").get("result").asText()).isEqualTo("in progress");
    }
}
