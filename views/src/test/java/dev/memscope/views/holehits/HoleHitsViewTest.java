package dev.memscope.views.holehits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.HoleHits;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.gpa.PciScanFixture;
import dev.memscope.views.paint.PaneShots;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class HoleHitsViewTest {
    private FakeMachine machine;
    private HoleHitsViewModel model;
    private HoleHitsView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        machine = PciScanFixture.machine();
        model = new HoleHitsViewModel();
        view = new HoleHitsView(model, machine);
        stage.setScene(new Scene(view, 1270, 240)); // the bottom dock of the 1280x800 main window
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(view::dispose);
    }

    private static <T> T fx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Point2D cell(int bus, int device) {
        return fx(() -> view.grid().localToScreen(view.grid().pointOf(new DeviceKey(bus, device))));
    }

    @Test
    void clicking_a_device_shows_its_functions_in_the_table(FxRobot robot) {
        robot.clickOn(cell(0, 0x1f));
        assertThat(model.selectedProperty().get()).isEqualTo(new DeviceKey(0, 0x1f));
        TableView<?> table = robot.lookup("#holehits-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(4);
        assertThat(robot.lookup("#holehits-detail-title").queryAs(Label.class).getText()).startsWith("00:1f");
    }

    @Test
    void presenter_mode_grows_the_grid_and_clicks_still_land_on_their_device(FxRobot robot) {
        double cellH = fx(() -> view.grid().layoutModel().cellH());
        robot.interact(() -> view.getScene().getRoot().getStyleClass().add(dev.memscope.views.common.Highlights.PRESENTER));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> view.grid().layoutModel().cellH()))
                .isEqualTo(cellH * dev.memscope.views.common.CanvasScale.PRESENTER);
        assertThat(fx(() -> view.grid().layoutModel().left()))
                .isEqualTo(HoleGridLayout.LEFT * dev.memscope.views.common.CanvasScale.PRESENTER);
        robot.clickOn(cell(0, 0x1f));
        assertThat(model.selectedProperty().get()).isEqualTo(new DeviceKey(0, 0x1f));
    }

    @Test
    void hovering_a_device_describes_its_accesses(FxRobot robot) {
        robot.moveTo(cell(1, 0));
        assertThat(robot.lookup("#holehits-hover").queryAs(Label.class).getText())
                .startsWith("01:00 \u00b7 present: .0 NVMe controller").contains("reads: 15 exited");
    }

    @Test
    void the_context_menu_breaks_on_config_access_to_a_function(FxRobot robot) {
        robot.clickOn(cell(0, 0x1f), MouseButton.SECONDARY);
        robot.clickOn("#holehits-break-00-1f-2");
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.HoleHit(0, 0x1f, 2));
        assertThat(machine.commands).contains("breakpoints 1");
    }

    @Test
    void real_kvm_shows_na_for_mapped_reads_and_says_why(FxRobot robot) throws Exception {
        MachineSnapshot s = PciScanFixture.snapshot(1);
        List<HoleHits> kvm = s.holeHits().stream().filter(HoleHits::present)
                .map(h -> new HoleHits(h.bus(), h.device(), h.function(), true, h.name(), h.userspaceReads(), 0, -1,
                        h.writes(), 0)).toList();
        machine.snapshot = new MachineSnapshot(2, s.state(), s.stopReason(), s.setup(), null, -1, 0, "",
                s.counters(), s.memslots(), -1, null, List.of(), kvm, null, -1, 0, 0, List.of(), false);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !model.mappedKnown());
        robot.clickOn(cell(0, 0));
        TableView<?> table = robot.lookup("#holehits-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        assertThat(robot.lookup(".holehits-number").queryAllAs(javafx.scene.control.Labeled.class))
                .extracting(javafx.scene.control.Labeled::getText).contains("n/a");
        assertThat(robot.lookup("#holehits-notice").queryAs(Label.class).isVisible()).isTrue();
        PaneShots.write(view, "holehits-kvm");
    }

    @Test
    void renders_the_pci_scan_hits_to_png(FxRobot robot) throws Exception {
        robot.clickOn(cell(0, 0x1f));
        robot.moveTo(cell(0, 0x1c));
        PaneShots.write(view, "holehits");
    }

    @Test
    void renders_a_full_naive_scan_of_256_buses(FxRobot robot) throws Exception {
        List<HoleHits> all = new ArrayList<>(PciScanFixture.holeHits());
        for (int bus = 2; bus < 256; bus++) {
            for (int dev = 0; dev < 32; dev++) {
                for (int fn = 0; fn < 8; fn++) {
                    all.add(new HoleHits(bus, dev, fn, false, "", 0, 0, 1, 0, 0));
                }
            }
        }
        MachineSnapshot s = PciScanFixture.snapshot(3);
        machine.snapshot = new MachineSnapshot(3, s.state(), s.stopReason(), s.setup(), null, -1, 0, "",
                s.counters(), s.memslots(), 16, null, List.of(), all, null, -1, 0, 0, List.of(), true);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.gridProperty().get().size() == 256);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> view.grid().layoutModel().height())).isGreaterThan(256 * HoleGridLayout.CELL_H);
        robot.interact(() -> stage.setHeight(420));
        PaneShots.write(view, "holehits-naive");
    }
}
