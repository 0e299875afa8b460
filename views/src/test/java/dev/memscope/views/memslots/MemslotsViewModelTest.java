package dev.memscope.views.memslots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.views.gpa.PciScanFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemslotsViewModelTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MemslotsViewModel model = new MemslotsViewModel(now::get);

    @Test
    void the_first_snapshot_fills_table_and_band_without_marking_changes() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        assertThat(model.rows()).hasSize(8).allMatch(r -> r.change() == null);
        assertThat(model.changes()).isEmpty();
        assertThat(model.pulse()).isZero();
        assertThat(model.generationTextProperty().get()).isEqualTo("generation 16");
        BandLayout layout = model.layoutProperty().get();
        assertThat(layout.extentGpa()).isEqualTo(4L << 30);
        assertThat(layout.lanes()).extracting(BandLayout.Lane::label).containsExactly("VMM map", "memslots");
        assertThat(layout.lanes().get(1).segments()).filteredOn(s -> s.kind() == BandLayout.SegmentKind.SLOT)
                .hasSize(8);
        assertThat(layout.segmentAt(1, 0xB00FA000L).kind()).isEqualTo(BandLayout.SegmentKind.GAP);
        assertThat(layout.segmentAt(0, 0xB00FA000L).kind()).isEqualTo(BandLayout.SegmentKind.ECAM);
    }

    @Test
    void a_memslot_change_is_marked_until_the_next_and_pulses_for_a_while() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        List<MemslotInfo> next = new ArrayList<>(PciScanFixture.memslots());
        MemslotInfo ram = next.get(0);
        next.set(0, new MemslotInfo(0, 0, 0, ram.npages(), 1, ram.userspaceAddr(), 18, 0)); // dirty logging on
        next.remove(5); // slot 5 (00:1f.1) deleted
        model.onSnapshot(PciScanFixture.snapshot(2, next, 18, true));

        assertThat(model.changes()).containsEntry(new SlotKey(0, 0), SlotChange.FLAGS)
                .containsEntry(new SlotKey(0, 5), SlotChange.DELETED).hasSize(2);
        assertThat(model.rows()).filteredOn(r -> r.change() != null).extracting(MemslotRow::key)
                .containsExactlyInAnyOrder(new SlotKey(0, 0), new SlotKey(0, 5));
        assertThat(model.rows()).filteredOn(MemslotRow::deleted).singleElement()
                .satisfies(r -> assertThat(r.slot().baseGfn()).isEqualTo(0xB00F9));
        assertThat(model.changeTextProperty().get())
                .isEqualTo("Last change: generation 16 \u2192 18: slot 0 flags changed, slot 5 deleted");
        assertThat(model.changeSerialProperty().get()).isEqualTo(1);
        assertThat(model.pulse()).isEqualTo(1.0);

        now.addAndGet(MemslotsViewModel.PULSE_NANOS / 2);
        assertThat(model.pulse()).isEqualTo(0.5);
        now.addAndGet(MemslotsViewModel.PULSE_NANOS);
        assertThat(model.pulse()).isZero();

        model.onSnapshot(PciScanFixture.snapshot(3, next, 18, true)); // nothing new: marks stay
        assertThat(model.changes()).hasSize(2);
        assertThat(model.changeSerialProperty().get()).isEqualTo(1);
    }

    @Test
    void with_no_guest_the_band_is_one_gap_and_the_table_is_empty() {
        model.onSnapshot(dev.memscope.emulator.api.MachineSnapshot.empty(1));
        assertThat(model.rows()).isEmpty();
        assertThat(model.generationTextProperty().get()).isEmpty();
        assertThat(model.layoutProperty().get().lanes().get(1).segments()).singleElement()
                .extracting(BandLayout.Segment::kind).isEqualTo(BandLayout.SegmentKind.GAP);
    }

    @Test
    void a_new_vm_starts_over_without_marks() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        List<MemslotInfo> fewer = PciScanFixture.memslots().subList(0, 3);
        model.onSnapshot(PciScanFixture.snapshot(2, fewer, 6, true)); // generation went backwards: a reset
        assertThat(model.changes()).isEmpty();
        assertThat(model.rows()).hasSize(3).allMatch(r -> r.change() == null);
    }

    @Test
    void hovering_decodes_the_address_and_real_kvm_says_what_it_cannot_show() {
        model.onSnapshot(PciScanFixture.snapshot(1, PciScanFixture.memslots(), -1, false));
        model.hover(0xB00F_800EL, 0);
        assertThat(model.hoverTextProperty().get()).contains("ECAM 00:1f.0 reg 0x00e (ICH9 LPC bridge)");
        model.hover(-1, 0);
        assertThat(model.hoverTextProperty().get()).isEmpty();
        assertThat(model.generationTextProperty().get()).contains("n/a").contains("does not expose");
        assertThat(model.noticeProperty().get()).contains("kernel does not expose");
    }

    @Test
    void a_lesson_highlight_names_slots_by_id_or_by_a_gpa_they_cover() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        model.highlightsProperty().set(List.of(dev.memscope.emulator.api.Highlight.parse("memslot@0xb0018000"),
                dev.memscope.emulator.api.Highlight.parse("memslot:1"),
                dev.memscope.emulator.api.Highlight.parse("phase:map")));
        assertThat(model.highlightedSlots()).extracting(MemslotInfo::id).containsExactly(1, 3);
        assertThat(model.isHighlighted(PciScanFixture.memslots().get(0))).isFalse();
        model.highlightsProperty().set(List.of());
        assertThat(model.highlightedSlots()).isEmpty();
    }
}
