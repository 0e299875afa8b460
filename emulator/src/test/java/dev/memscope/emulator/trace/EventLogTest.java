package dev.memscope.emulator.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {
    @Test
    void events_drain_in_order_with_modelled_time_and_print_as_tracepoints() {
        CostModel cost = new CostModel();
        long[] instructions = {0};
        cost.setInstructionClock(() -> instructions[0], 1000);
        EventLog log = new EventLog(64, cost);
        log.record(EventKind.KVM_MMU_SPTE_REQUESTED, 0, 0x100, 0x100200, 1);
        instructions[0] = 50;
        log.record(EventKind.KVM_MMIO, 0, 1, 4, 0xb0000000L, 0xffffffffL);
        List<TraceEvent> ev = log.drain(100);
        assertThat(ev).hasSize(2);
        assertThat(ev.get(0).seq()).isZero();
        assertThat(ev.get(0).line()).isEqualTo("kvmmmu:kvm_mmu_spte_requested: gfn 100 pfn 100200 level 1");
        assertThat(ev.get(1).text()).isEqualTo("mmio read len 4 gpa 0xb0000000 val 0xffffffff");
        assertThat(ev.get(0).nanos()).isEqualTo(EventKind.KVM_MMU_SPTE_REQUESTED.defaultCostNanos());
        assertThat(ev.get(1).nanos()).isEqualTo(EventKind.KVM_MMU_SPTE_REQUESTED.defaultCostNanos()
                + EventKind.KVM_MMIO.defaultCostNanos() + 50);
        assertThat(log.drain(100)).isEmpty();
    }

    @Test
    void an_overrun_ring_leaves_a_gap_in_sequence_numbers() {
        EventLog log = new EventLog(16, new CostModel());
        for (int i = 0; i < 40; i++) {
            log.record(EventKind.KVM_FAST_MMIO, 0, i);
        }
        List<TraceEvent> ev = log.drain(100);
        assertThat(ev).hasSize(15); // the slot the writer fills next is never read
        assertThat(ev.get(0).seq()).isEqualTo(25);
        assertThat(ev.get(0).a0()).isEqualTo(25);
        assertThat(ev.get(0).text()).isEqualTo("fast mmio at gpa 0x19");
    }

    @Test
    void a_reader_thread_never_sees_a_torn_event() throws Exception {
        EventLog log = new EventLog(64, new CostModel());
        Thread writer = new Thread(() -> {
            for (long i = 0; i < 2_000_000; i++) {
                log.record(EventKind.KVM_TDP_MMU_SPTE_CHANGED, 0, i, i, i, i, i);
            }
        });
        writer.start();
        long seen = 0;
        while (writer.isAlive() || seen < log.nextSeq()) {
            for (TraceEvent e : log.drain(1000)) {
                assertThat(e.a0()).isEqualTo(e.seq());
                assertThat(e.a4()).isEqualTo(e.seq());
                seen = e.seq() + 1;
            }
            if (!writer.isAlive() && seen >= log.nextSeq() - 63) {
                break;
            }
        }
        writer.join();
    }

    @Test
    void a_disabled_kind_costs_time_but_is_not_kept() {
        EventLog log = new EventLog(16, new CostModel());
        log.setEnabled(EventKind.FAULT_PHASE, false);
        log.record(EventKind.FAULT_PHASE, 0, 1, 2, 3, 4);
        log.record(EventKind.KVM_EXIT, 0, 48, 0, 0, 0, 0, 0);
        assertThat(log.drain(10)).extracting(TraceEvent::kind).containsExactly(EventKind.KVM_EXIT);
        assertThat(log.modelledNanos()).isEqualTo(EventKind.KVM_EXIT.defaultCostNanos());
    }

    @Test
    void every_kind_formats_without_error() {
        for (EventKind k : EventKind.values()) {
            TraceEvent e = new TraceEvent(0, 0, 0, k, 1, 1, 1, 1, 1, 1);
            assertThat(e.text()).isNotBlank();
            assertThat(k.fields()).isNotEmpty();
        }
    }
}
