package dev.memscope.views.holehits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.HoleHits;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.views.gpa.PciScanFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoleHitsViewModelTest {
    private final HoleHitsViewModel model = new HoleHitsViewModel();

    @Test
    void the_grid_has_a_row_per_touched_bus_and_cells_add_up_their_functions() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        List<BusRow> grid = model.gridProperty().get();
        assertThat(grid).extracting(BusRow::bus).containsExactly(0, 1);
        DeviceCell lpc = grid.get(0).cell(0x1f);
        assertThat(lpc.functions()).extracting(HoleHits::function).containsExactly(0, 1, 2, 3);
        assertThat(lpc.present()).hasSize(3);
        assertThat(lpc.userspaceReads()).isEqualTo(45);
        assertThat(lpc.mappedReads()).isEqualTo(1);
        assertThat(lpc.writes()).isEqualTo(36);
        assertThat(lpc.exits()).isEqualTo(81);
        assertThat(grid.get(0).cell(0x1c).total()).isEqualTo(4);
        assertThat(grid.get(1).cell(5).mappedReads()).isEqualTo(1);
        assertThat(model.summaryProperty().get()).isEqualTo("allones \u00b7 67 functions touched on 2 buses"
                + " \u00b7 reads: 109 exited to userspace, 0 emulated in the kernel, 59 mapped"
                + " \u00b7 writes: 84 (all exit; 0 dropped)");
        assertThat(model.noticeProperty().get()).isEmpty();
    }

    @Test
    void selecting_a_device_lists_its_functions_and_hovering_describes_it() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        model.selectedProperty().set(new DeviceKey(0, 0x1f));
        assertThat(model.details()).extracting(HoleHits::bdf).containsExactly("00:1f.0", "00:1f.1", "00:1f.2",
                "00:1f.3");
        assertThat(model.detailTitleProperty().get()).isEqualTo("00:1f \u00b7 4 functions touched, 3 present"
                + " \u00b7 82 accesses");
        model.hover(new DeviceKey(0, 0x1f));
        assertThat(model.hoverTextProperty().get()).contains("present: .0 ICH9 LPC bridge, .2 ICH9 AHCI controller")
                .contains("reads: 45 exited, 0 in kernel, 1 mapped");
        model.hover(new DeviceKey(1, 7));
        assertThat(model.hoverTextProperty().get()).contains("01:07 \u00b7 absent");
        model.selectedProperty().set(new DeviceKey(7, 0));
        assertThat(model.details()).isEmpty();
    }

    @Test
    void with_no_guest_the_grid_is_empty() {
        model.onSnapshot(MachineSnapshot.empty(1));
        assertThat(model.gridProperty().get()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("No guest is loaded.");
    }

    @Test
    void breakpoints_are_offered_for_each_touched_function() {
        model.onSnapshot(PciScanFixture.snapshot(1));
        assertThat(model.breakpointsFor(new DeviceKey(0, 0x1f))).containsExactly(new Breakpoint.HoleHit(0, 0x1f, 0),
                new Breakpoint.HoleHit(0, 0x1f, 1), new Breakpoint.HoleHit(0, 0x1f, 2),
                new Breakpoint.HoleHit(0, 0x1f, 3));
        assertThat(model.breakpointsFor(new DeviceKey(9, 3))).containsExactly(new Breakpoint.HoleHit(9, 3, 0));
    }

    @Test
    void on_real_kvm_mapped_reads_are_not_available_and_the_pane_says_why() {
        MachineSnapshot s = PciScanFixture.snapshot(1);
        List<HoleHits> kvm = s.holeHits().stream().filter(h -> h.present() || h.writes() > 0)
                .map(h -> new HoleHits(h.bus(), h.device(), h.function(), h.present(), h.name(), h.userspaceReads(),
                        0, -1, h.writes(), h.discardedWrites())).toList();
        model.onSnapshot(new MachineSnapshot(2, s.state(), s.stopReason(), s.setup(), null, -1, 0, "", s.counters(),
                s.memslots(), -1, null, List.of(), kvm, null, -1, 0, 0, List.of(), false));
        assertThat(model.mappedKnown()).isFalse();
        assertThat(model.summaryProperty().get()).contains("n/a mapped");
        assertThat(model.noticeProperty().get()).startsWith("Mapped reads: n/a").contains("never leaves the guest");
        model.hover(new DeviceKey(0, 0));
        assertThat(model.hoverTextProperty().get()).contains("n/a mapped");
    }
}
