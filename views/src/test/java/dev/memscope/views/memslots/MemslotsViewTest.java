package dev.memscope.views.memslots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.gpa.PciScanFixture;
import dev.memscope.views.image.NodeImages;
import dev.memscope.views.paint.PaneShots;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
class MemslotsViewTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private FakeMachine machine;
    private MemslotsViewModel model;
    private MemslotsView view;

    @Start
    void start(Stage stage) {
        machine = PciScanFixture.machine();
        model = new MemslotsViewModel(now::get);
        view = new MemslotsView(model, machine);
        stage.setScene(new Scene(view, 900, 560));
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(view::dispose);
    }

    private TableView<?> table(FxRobot robot) {
        return robot.lookup("#memslots-table").queryAs(TableView.class);
    }

    private Point2D onBand(FxRobot robot, long gpa, int lane) {
        MemslotBand band = view.band();
        return fx(() -> band.localToScreen(band.axis().x(gpa), band.laneCenterY(lane)));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void the_pane_feeds_itself_and_lists_every_slot(FxRobot robot) {
        assertThat(table(robot).getItems()).hasSize(8);
        assertThat(robot.lookup("#memslots-generation").queryAs(Label.class).getText()).isEqualTo("generation 16");
    }

    @Test
    void the_scale_toggle_switches_to_log_and_back(FxRobot robot) {
        robot.clickOn("#memslots-log");
        assertThat(model.viewport().scaleProperty().get()).isEqualTo(BandScale.LOG);
        robot.clickOn("#memslots-linear");
        assertThat(model.viewport().scaleProperty().get()).isEqualTo(BandScale.LINEAR);
    }

    @Test
    void hovering_the_ecam_window_decodes_bus_device_function_and_register(FxRobot robot) {
        robot.clickOn("#memslots-zoom-ecam");
        robot.interact(() -> model.viewport().show(0xB00F_0000L, 0xB010_0000L));
        robot.moveTo(onBand(robot, 0xB00F_A800L, 0));
        assertThat(robot.lookup("#memslots-hover").queryAs(Label.class).getText())
                .contains("ECAM 00:1f.2 reg 0x").contains("ICH9 AHCI controller");
    }

    @Test
    void the_wheel_zooms_around_the_pointer(FxRobot robot) {
        robot.clickOn("#memslots-zoom-in");
        double before = model.viewport().u1Property().get() - model.viewport().u0Property().get();
        Point2D at = onBand(robot, 1L << 30, 1);
        robot.moveTo(at);
        double gpaBefore = fx(() -> view.band().axis().gpa(view.band().screenToLocal(at).getX()));
        robot.scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        double after = model.viewport().u1Property().get() - model.viewport().u0Property().get();
        assertThat(after).isNotEqualTo(before);
        double gpaAfter = fx(() -> view.band().axis().gpa(view.band().screenToLocal(at).getX()));
        double bytesPerPixel = after / fx(() -> view.band().axis().width());
        assertThat(Math.abs(gpaAfter - gpaBefore)).as("the gpa under the pointer stays").isLessThan(bytesPerPixel);
    }

    @Test
    void clicking_a_slot_on_the_band_selects_its_row(FxRobot robot) {
        robot.interact(() -> model.viewport().show(0xB000_0000L, 0xB020_0000L));
        robot.clickOn(onBand(robot, 0xB001_0000L + 0x8000, 1)); // inside slot 3 (pages 17-223)
        assertThat(model.selectedProperty().get()).isEqualTo(new SlotKey(0, 3));
        Object row = table(robot).getSelectionModel().getSelectedItem();
        assertThat(((MemslotRow) row).slot().id()).isEqualTo(3);
    }

    @Test
    void presenter_mode_grows_the_band_and_clicks_still_land_on_their_slot(FxRobot robot) {
        MemslotBand band = view.band();
        double before = fx(band::getHeight);
        double laneBefore = fx(() -> band.laneCenterY(1));
        robot.interact(() -> view.getScene().getRoot().getStyleClass().add(dev.memscope.views.common.Highlights.PRESENTER));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(band::getHeight)).isCloseTo(before * dev.memscope.views.common.CanvasScale.PRESENTER,
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(fx(() -> band.laneCenterY(1))).isCloseTo(laneBefore * dev.memscope.views.common.CanvasScale.PRESENTER,
                org.assertj.core.data.Offset.offset(0.01));
        robot.interact(() -> model.viewport().show(0xB000_0000L, 0xB020_0000L));
        robot.clickOn(onBand(robot, 0xB001_0000L + 0x8000, 1)); // inside slot 3, at the grown lane
        assertThat(model.selectedProperty().get()).isEqualTo(new SlotKey(0, 3));
        robot.interact(() -> view.getScene().getRoot().getStyleClass().remove(dev.memscope.views.common.Highlights.PRESENTER));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(band::getHeight)).isCloseTo(before, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void a_memslot_change_is_highlighted_in_table_and_band_then_the_pulse_fades(FxRobot robot) throws Exception {
        List<MemslotInfo> next = new ArrayList<>(PciScanFixture.memslots());
        MemslotInfo ram = next.get(0);
        next.set(0, new MemslotInfo(0, 0, 0, ram.npages(), 1, ram.userspaceAddr(), 18, 0));
        machine.snapshot = PciScanFixture.snapshot(2, PciScanFixture.atGeneration(next, 18), 18, true);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !model.changes().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#memslots-change").queryAs(Label.class).getText())
                .contains("slot 0 flags changed");
        assertThat(robot.lookup("." + MemslotsView.STYLE_ROW_CHANGED).queryAll()).hasSize(1);
        assertThat(model.pulse()).isEqualTo(1.0);
        var lit = fx(() -> NodeImages.snapshot(view.band(), 1));
        robot.interact(() -> model.viewport().show(0, 96L << 20));
        robot.interact(() -> view.band().redraw());
        PaneShots.write(view, "memslots-change");
        robot.interact(() -> model.viewport().fit());
        robot.interact(() -> view.band().redraw());
        now.addAndGet(MemslotsViewModel.PULSE_NANOS + 1);
        assertThat(model.pulse()).isZero();
        robot.interact(() -> view.band().redraw());
        var faded = fx(() -> NodeImages.snapshot(view.band(), 1));
        assertThat(differentPixels(lit, faded)).as("the pulse outline is gone").isGreaterThan(50);
        assertThat(robot.lookup("." + MemslotsView.STYLE_ROW_CHANGED).queryAll()).as("the mark stays").hasSize(1);
    }

    @Test
    void the_context_menu_sets_a_memslot_change_breakpoint_once(FxRobot robot) {
        machine.setBreakpoints(List.of(new Breakpoint.Rip(0x100000)));
        robot.clickOn(onBand(robot, 1L << 20, 1), MouseButton.SECONDARY);
        robot.clickOn("#memslots-break-change");
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.Rip(0x100000),
                new Breakpoint.MemslotChange());
        robot.clickOn(onBand(robot, 1L << 20, 1), MouseButton.SECONDARY);
        robot.clickOn("#memslots-break-change");
        assertThat(machine.breakpoints()).hasSize(2);
    }

    @Test
    void renders_the_pci_scan_layout_to_png(FxRobot robot) throws Exception {
        PaneShots.write(view, "memslots-overview");
        robot.interact(() -> model.viewport().show(0xB000_0000L, 0xB020_0000L));
        robot.moveTo(onBand(robot, 0xB00F_A00EL, 1));
        PaneShots.write(view, "memslots");
        robot.clickOn("#memslots-log");
        robot.interact(() -> model.viewport().fit());
        robot.moveTo(onBand(robot, 0xB000_8000L, 0));
        PaneShots.write(view, "memslots-log");
    }

    private static int differentPixels(javafx.scene.image.Image a, javafx.scene.image.Image b) {
        int n = 0;
        for (int y = 0; y < (int) a.getHeight(); y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                if (a.getPixelReader().getArgb(x, y) != b.getPixelReader().getArgb(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void a_highlighted_slot_is_marked_in_the_table_and_outlined_on_the_band(FxRobot robot) {
        robot.interact(() -> dev.memscope.views.common.HighlightTarget.of(view).orElseThrow()
                .showHighlights(List.of(new dev.memscope.emulator.api.Highlight.MemslotAt(0xB0018000L))));
        WaitForAsyncUtils.waitForFxEvents();
        List<javafx.scene.Node> lit = robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n.getPseudoClassStates().contains(dev.memscope.views.common.Highlights.PSEUDO_CLASS))
                .toList();
        assertThat(lit).singleElement().satisfies(n -> assertThat(((javafx.scene.control.TableRow<?>) n).getItem())
                .extracting(r -> ((MemslotRow) r).slot().id()).isEqualTo(3));
        javafx.scene.image.WritableImage band = fx(() -> NodeImages.snapshot(view.band(), 1));
        assertThat(dev.memscope.views.common.Pixels.count(band, dev.memscope.views.common.Highlights.COLOUR)).as("orange outline").isPositive();
        robot.interact(() -> dev.memscope.views.common.HighlightTarget.of(view).orElseThrow()
                .showHighlights(List.of()));
        band = fx(() -> NodeImages.snapshot(view.band(), 1));
        assertThat(dev.memscope.views.common.Pixels.count(band, dev.memscope.views.common.Highlights.COLOUR)).isZero();
    }
}
