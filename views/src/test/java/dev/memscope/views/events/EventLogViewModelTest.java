package dev.memscope.views.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.views.common.FakeMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventLogViewModelTest {
    private final FakeMachine machine = new FakeMachine();
    private final EventLogViewModel model = new EventLogViewModel(machine);
    private final List<TraceEvent> scan = EventFixtures.pciScan();

    private static List<TraceEvent> entries(long from, long to) {
        List<TraceEvent> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(new TraceEvent(s, s * 50, 0, EventKind.KVM_ENTRY, 0x100bb3, 0, 0, 0, 0, 0));
        }
        return out;
    }

    @Test
    void on_real_kvm_the_empty_list_says_why_and_where_the_kernel_trace_is() {
        assertThat(model.placeholderProperty().get()).isEqualTo(EventLogViewModel.WAITING);
        model.onSnapshot(dev.memscope.views.gpa.PciScanFixture.snapshot(1,
                dev.memscope.views.gpa.PciScanFixture.memslots(), 6, false));
        assertThat(model.placeholderProperty().get()).startsWith("On real KVM the kernel runs the guest")
                .contains("memscope trace GUEST --backend kvm");
        model.onSnapshot(EventFixtures.snapshot(2, 0, Map.of()));
        assertThat(model.placeholderProperty().get()).isEqualTo(EventLogViewModel.WAITING);
    }

    @Test
    void a_batch_is_shown_in_order() {
        model.onSnapshot(EventFixtures.snapshot(1, scan.size() - 1, Map.of()));
        model.onEvents(scan);
        assertThat(model.shown()).containsExactlyElementsOf(scan);
        assertThat(model.statusProperty().get()).isEqualTo(String.format("%,d of %,d buffered events shown",
                scan.size(), scan.size()));
    }

    @Test
    void the_kind_filter_applies_to_buffered_and_to_new_events() {
        model.onEvents(scan.subList(0, 40));
        model.kindsProperty().set(Set.of(EventKind.KVM_MMIO));
        assertThat(model.shown()).isNotEmpty().allMatch(e -> e.kind() == EventKind.KVM_MMIO);
        int before = model.shown().size();
        model.onEvents(scan.subList(40, scan.size()));
        assertThat(model.shown().size()).isGreaterThan(before).isEqualTo(
                (int) scan.stream().filter(e -> e.kind() == EventKind.KVM_MMIO).count());
    }

    @Test
    void a_system_toggle_turns_all_its_kinds_off_and_on() {
        model.onEvents(scan);
        model.setSystem("kvmmmu", false);
        assertThat(model.shown()).noneMatch(e -> e.kind().system().equals("kvmmmu"));
        assertThat(model.kindsProperty().get()).contains(EventKind.KVM_EXIT).doesNotContain(EventKind.MARK_MMIO_SPTE);
        model.setSystem("kvmmmu", true);
        assertThat(model.shown()).hasSize(scan.size());
    }

    @Test
    void a_bdf_filter_keeps_events_in_that_functions_config_space_including_slots_over_it() {
        model.onSnapshot(EventFixtures.snapshot(1, 0, Map.of()));
        model.onEvents(scan);
        model.bdfTextProperty().set("00:02.1");
        assertThat(model.shown()).isNotEmpty();
        assertThat(model.shown()).extracting(e -> e.kind()).contains(EventKind.KVM_MMIO,
                EventKind.HANDLE_MMIO_PAGE_FAULT, EventKind.HOLE_ACCESS, EventKind.FAULT_PHASE)
                .doesNotContain(EventKind.KVM_EXIT, EventKind.KVM_ENTRY);
        model.bdfTextProperty().set("00:03");
        // the ALLONES slot over 00:03.0..00:1f.7 and the fault in progress at 00:03.0
        assertThat(model.shown()).extracting(e -> e.kind()).contains(EventKind.MEMSLOT_COMMIT,
                EventKind.KVM_PAGE_FAULT);
        assertThat(model.bdfErrorProperty().get()).isEmpty();
    }

    @Test
    void a_gfn_filter_and_a_bdf_filter_must_both_hold() {
        model.onSnapshot(EventFixtures.snapshot(1, 0, Map.of()));
        model.onEvents(scan);
        model.gfnTextProperty().set("b0012-b0013");
        assertThat(model.shown()).isNotEmpty().allMatch(e -> EventAddresses.touches(e, model.filter().mmu(),
                0xb0012, 0xb0013));
        model.bdfTextProperty().set("00:03");
        assertThat(model.shown()).isEmpty();
    }

    @Test
    void a_bad_filter_is_reported_and_ignored() {
        model.onSnapshot(EventFixtures.snapshot(1, 0, Map.of()));
        model.onEvents(scan);
        model.gfnTextProperty().set("b00zz");
        assertThat(model.gfnErrorProperty().get()).contains("not a hex gfn");
        assertThat(model.shown()).hasSize(scan.size());
        model.bdfTextProperty().set("ff:00");
        assertThat(model.bdfErrorProperty().get()).isEmpty();
        model.bdfTextProperty().set("100");
        assertThat(model.bdfErrorProperty().get()).contains("no such PCI address");
    }

    @Test
    void without_an_ecam_window_a_bdf_filter_says_so() {
        model.bdfTextProperty().set("00:03.0");
        assertThat(model.bdfErrorProperty().get()).isEqualTo("no ECAM window in this setup");
    }

    @Test
    void the_buffer_keeps_the_newest_and_counts_what_it_dropped() {
        EventLogViewModel small = new EventLogViewModel(machine, 1000);
        small.onEvents(entries(0, 599));
        small.onEvents(entries(600, 1499));
        assertThat(small.shown()).hasSize(1000);
        assertThat(small.shown().get(0).seq()).isEqualTo(500);
        assertThat(small.statusProperty().get()).contains("500 older ones dropped");
        small.onEvents(entries(1500, 4999)); // one batch larger than the buffer
        assertThat(small.shown()).hasSize(1000);
        assertThat(small.shown().get(0).seq()).isEqualTo(4000);
        assertThat(small.shown().get(999).seq()).isEqualTo(4999);
        assertThat(small.statusProperty().get()).contains("4,000 older ones dropped");
        assertThat(small.gapNoteProperty().get()).isEmpty();
    }

    @Test
    void the_shown_list_changes_at_most_twice_per_batch() {
        EventLogViewModel small = new EventLogViewModel(machine, 100);
        small.onEvents(entries(0, 99));
        AtomicInteger changes = new AtomicInteger();
        small.shown().addListener((javafx.collections.ListChangeListener<TraceEvent>) c -> changes.incrementAndGet());
        small.onEvents(entries(100, 20_099));
        assertThat(changes.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void buffering_and_filtering_never_format_an_event() {
        // a fault_phase with phase 99 throws if formatted: buffering and filtering must not touch the text
        List<TraceEvent> poison = new ArrayList<>();
        for (long s = 0; s < 50_000; s++) {
            poison.add(new TraceEvent(s, s, 0, EventKind.FAULT_PHASE, 0xb0018000L, 99, -1, 0xb0018, 0, 0));
        }
        model.onSnapshot(EventFixtures.snapshot(1, 0, Map.of()));
        model.onEvents(poison);
        model.gfnTextProperty().set("b0018");
        model.bdfTextProperty().set("00:03.0");
        model.setSystem("memscope", false);
        model.setSystem("memscope", true);
        assertThat(model.shown()).hasSize(50_000);
    }

    @Test
    void a_sequence_gap_is_noted_with_its_size() {
        model.onEvents(entries(0, 9));
        model.onEvents(entries(20, 29));
        assertThat(model.gapNoteProperty().get()).contains("overwrote 10 events").contains("seq 10\u201319");
        model.onEvents(entries(35, 40));
        assertThat(model.gapNoteProperty().get()).contains("15 lost in 2 gaps");
    }

    @Test
    void sequence_numbers_going_back_start_a_new_log() {
        model.onEvents(entries(0, 99));
        model.onEvents(entries(0, 4));
        assertThat(model.shown()).hasSize(5);
        assertThat(model.gapNoteProperty().get()).isEmpty();
    }

    @Test
    void a_reset_to_ready_clears_the_log() {
        model.onEvents(entries(0, 99));
        model.onSnapshot(new MachineSnapshot(2, RunState.READY, "", EventFixtures.setup(), null, 0, 0, "",
                Map.of(), List.of(), 0, null, List.of(), List.of(), null, 3, 0, 0, List.of(), true));
        assertThat(model.shown()).isEmpty();
    }

    @Test
    void counters_follow_the_kernels_order_with_growth_since_the_previous_stop() {
        model.onSnapshot(EventFixtures.snapshot(1, 0, EventFixtures.counters(5)));
        assertThat(model.counters()).extracting(CounterRow::name).startsWith("pf_taken", "pf_fixed", "pf_emulate")
                .endsWith("exits.IO", "exits.MMIO");
        assertThat(model.counters()).allMatch(r -> r.delta() == 0);
        model.onSnapshot(EventFixtures.snapshot(2, 0, EventFixtures.counters(7)));
        assertThat(model.counters()).filteredOn(r -> r.delta() != 0).containsExactly(new CounterRow("pf_taken", 7, 2));
    }

    @Test
    void break_when_adds_to_the_machines_breakpoints_once() {
        machine.setBreakpoints(List.of(new Breakpoint.Rip(0x100bb3)));
        model.onSnapshot(EventFixtures.snapshot(1, 0, Map.of()));
        TraceEvent mmio = scan.stream().filter(e -> e.kind() == EventKind.KVM_MMIO).findFirst().orElseThrow();
        List<Breakpoint> offers = model.breakpointOffers(mmio);
        assertThat(offers).containsExactly(new Breakpoint.SpteChange(0xb0000),
                new Breakpoint.GpaRange(0xb0000000L, 0xb0001000L), new Breakpoint.HoleHit(0, 0, 0));
        model.breakWhen(offers.get(2));
        model.breakWhen(offers.get(2));
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.Rip(0x100bb3),
                new Breakpoint.HoleHit(0, 0, 0));
    }

    @Test
    void userspace_exits_and_memslot_commits_offer_their_own_breakpoints() {
        TraceEvent exit = scan.stream().filter(e -> e.kind() == EventKind.KVM_USERSPACE_EXIT).findFirst()
                .orElseThrow();
        assertThat(model.breakpointOffers(exit)).containsExactly(new Breakpoint.ExitReason(6));
        assertThat(model.breakpointOffers(scan.get(0))).contains(new Breakpoint.MemslotChange());
    }
}
