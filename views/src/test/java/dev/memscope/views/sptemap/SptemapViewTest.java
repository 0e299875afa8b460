package dev.memscope.views.sptemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.Query;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.gpa.PciScanFixture;
import dev.memscope.views.paint.PaneShots;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
class SptemapViewTest {
    /** A 4 GiB slot above 4 GiB: 1,048,576 gfns, the size the pane must stay interactive at. */
    static final MemslotInfo BIG = new MemslotInfo(0, 9, 0x100000, 1 << 20, 0, 0x7f80_0000_0000L, 16, 0);

    private final AtomicInteger queries = new AtomicInteger();
    private FakeMachine machine;
    private SptemapViewModel model;
    private SptemapView view;

    @Start
    void start(Stage stage) {
        machine = PciScanFixture.machine();
        machine.answer(Query.SpteMapRange.class, q -> {
            queries.incrementAndGet();
            return PciScanFixture.map(q.asId(), q.firstGfn(), q.pages());
        });
        model = new SptemapViewModel();
        view = new SptemapView(model, machine);
        stage.setScene(new Scene(view, 900, 620));
        stage.setX(0); // earlier tests may leave the shared stage elsewhere, or sized explicitly: undo both
        stage.setY(0);
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

    private Point2D screenOf(long gfn) {
        return fx(() -> view.map().localToScreen(view.map().pointOf(gfn)));
    }

    private void loaded() throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.dataProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void shows_the_ecam_window_and_hovering_a_cell_describes_its_gfn(FxRobot robot) throws Exception {
        loaded();
        assertThat(model.regionProperty().get().ecam()).isTrue();
        robot.interact(() -> model.zoomBy(3, 0, 0));
        robot.moveTo(screenOf(0xB00FAL));
        assertThat(robot.lookup("#sptemap-hover").queryAs(Label.class).getText()).startsWith("gfn 0xb00fa ")
                .contains("MMIO SPTE").contains("00:1f.2 (ICH9 AHCI controller)");
        assertThat(robot.lookup("#sptemap-summary").queryAs(Label.class).getText()).startsWith("65,536 gfns:")
                .contains("8 MMIO SPTE");
    }

    @Test
    void presenter_mode_widens_the_label_margins_and_hovering_still_finds_the_cell(FxRobot robot) throws Exception {
        loaded();
        robot.interact(() -> view.getScene().getRoot().getStyleClass().add(dev.memscope.views.common.Highlights.PRESENTER));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> view.map().left()))
                .isEqualTo(SpteMapCanvas.LEFT * dev.memscope.views.common.CanvasScale.PRESENTER);
        assertThat(fx(() -> view.map().top())).isEqualTo(SpteMapCanvas.TOP * dev.memscope.views.common.CanvasScale.PRESENTER);
        robot.interact(() -> model.zoomBy(3, 0, 0));
        robot.moveTo(screenOf(0xB00FAL));
        assertThat(robot.lookup("#sptemap-hover").queryAs(Label.class).getText()).startsWith("gfn 0xb00fa ");
        PaneShots.write(view, "sptemap-presenter");
    }

    @Test
    void the_wheel_zooms_and_a_drag_scrolls(FxRobot robot) throws Exception {
        loaded();
        int before = model.zoomProperty().get();
        robot.moveTo(screenOf(0xB0000L + 40));
        robot.scroll(2, VerticalDirection.DOWN);
        robot.scroll(2, VerticalDirection.UP);
        robot.scroll(1, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.zoomProperty().get()).isNotEqualTo(before);
        robot.interact(() -> model.zoomBy(3, 0, 0));
        double top = model.topRowProperty().get();
        Point2D from = fx(() -> view.map().localToScreen(400, 300));
        robot.drag(from, MouseButton.PRIMARY).moveBy(0, -120).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.topRowProperty().get()).isGreaterThan(top);
    }

    @Test
    void picking_another_region_loads_its_states(FxRobot robot) throws Exception {
        loaded();
        int asked = queries.get();
        robot.interact(() -> model.regionProperty().set(model.regions().get(1))); // slot 0, RAM
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.dataProperty().get() != null
                && model.dataProperty().get().firstGfn() == 0);
        assertThat(queries.get()).isEqualTo(asked + 1);
        assertThat(model.summaryProperty().get()).startsWith("16,384 gfns:").contains("10 dirty").contains("4 read-only");
    }

    @Test
    void the_context_menu_breaks_on_the_spte_of_a_gfn_and_on_its_range(FxRobot robot) throws Exception {
        loaded();
        robot.interact(() -> model.zoomBy(3, 0, 0));
        robot.clickOn(screenOf(0xB00F8L), MouseButton.SECONDARY);
        robot.clickOn("#sptemap-break-spte");
        robot.clickOn(screenOf(0xB00F8L), MouseButton.SECONDARY);
        robot.clickOn("#sptemap-break-range");
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.SpteChange(0xB00F8L),
                new Breakpoint.GpaRange(0xB00F_8000L, 0xB00F_9000L));
    }

    @Test
    void a_million_gfn_slot_stays_interactive(FxRobot robot) throws Exception {
        List<MemslotInfo> slots = new ArrayList<>(PciScanFixture.memslots());
        slots.add(BIG);
        machine.snapshot = PciScanFixture.snapshot(2, slots, 18, true);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.regions().size() == 10);
        robot.interact(() -> model.regionProperty().set(model.regions().get(9)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.dataProperty().get() != null
                && model.dataProperty().get().pages() == 1 << 20);
        long worst = 0;
        for (int i = 0; i < 6; i++) {
            int steps = i % 2 == 0 ? 4 : -4;
            robot.interact(() -> model.zoomBy(steps, 300, 200));
            worst = Math.max(worst, view.map().lastRenderNanos());
        }
        System.out.printf("SPTE map canvas, 1,048,576-gfn slot: slowest of 6 zoom frames %.1f ms%n", worst / 1e6);
        assertThat(model.layout().pages()).isEqualTo(1 << 20);
    }

    @Test
    void on_real_kvm_the_pane_says_the_kernel_does_not_expose_sptes(FxRobot robot) throws Exception {
        loaded();
        int asked = queries.get();
        machine.snapshot = PciScanFixture.snapshot(3, PciScanFixture.memslots(), -1, false);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !model.internalsVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#sptemap-notice").queryAs(Label.class).getText())
                .contains("does not expose its SPTEs");
        assertThat(queries.get()).isEqualTo(asked);
        PaneShots.write(view, "sptemap-kvm");
    }

    @Test
    void renders_the_pci_scan_ecam_map_to_png(FxRobot robot) throws Exception {
        loaded();
        robot.moveTo(screenOf(0xB00FAL));
        PaneShots.write(view, "sptemap-fit");
        robot.interact(() -> model.zoomBy(1, 0, 0)); // 1 gfn per cell at 3 px: one bus per row
        assertThat(model.layout().gfnsPerRow()).isEqualTo(256);
        robot.moveTo(screenOf(0xB00FAL));
        PaneShots.write(view, "sptemap");
        robot.interact(() -> model.zoomBy(3, 0, 0));
        robot.moveTo(screenOf(0xB0018L));
        PaneShots.write(view, "sptemap-zoomed");
        robot.interact(() -> model.regionProperty().set(model.regions().get(1)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.dataProperty().get() != null
                && model.dataProperty().get().firstGfn() == 0);
        robot.moveTo(screenOf(0x104L));
        PaneShots.write(view, "sptemap-ram");
    }

    @Test
    void a_lesson_highlight_brings_its_gfns_into_view_and_outlines_them(FxRobot robot) throws Exception {
        robot.interact(() -> {
            model.regionProperty().set(model.regions().get(model.regions().size() - 1)); // look elsewhere first
            dev.memscope.views.common.HighlightTarget.of(view).orElseThrow().showHighlights(List.of(
                    dev.memscope.emulator.api.Highlight.parse("gfns:0xb0018+8")));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.regionProperty().get().ecam()).isTrue();
        assertThat(model.level()).as("a close-up: one gfn per cell").isEqualTo(SptemapViewModel.CLOSE_UP);
        Point2D cell = fx(() -> view.map().pointOf(0xb0018));
        assertThat(cell).as("the first highlighted gfn is in view").isNotNull();
        var image = fx(() -> dev.memscope.views.image.NodeImages.snapshot(view.map(), 1));
        assertThat(dev.memscope.views.common.Pixels.count(image,
                dev.memscope.views.common.Highlights.COLOUR)).isPositive();
        robot.interact(() -> dev.memscope.views.common.HighlightTarget.of(view).orElseThrow()
                .showHighlights(List.of()));
        image = fx(() -> dev.memscope.views.image.NodeImages.snapshot(view.map(), 1));
        assertThat(dev.memscope.views.common.Pixels.count(image,
                dev.memscope.views.common.Highlights.COLOUR)).isZero();
    }
}
