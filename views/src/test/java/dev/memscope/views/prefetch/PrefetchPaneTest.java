package dev.memscope.views.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.PrefetchWindow;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.panekit.FaultFocus;
import dev.memscope.views.panekit.PaneShots;
import dev.memscope.views.panekit.PrefetchFixture;
import dev.memscope.views.workbench.DockPane;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PrefetchPaneTest {
    private final FakeMachine machine = new FakeMachine();
    private final Map<Long, PrefetchWindow> windows = Map.of(41L, PrefetchFixture.window41(), 40L,
            PrefetchFixture.window40(), 3L, PrefetchFixture.window3());
    private DockPane pane;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        WindowSource source = (seq, ok, err) -> ok.accept(Optional.ofNullable(windows.get(seq)));
        pane = PrefetchPane.create(machine, new FaultFocus(), source);
        // the bottom dock of a 1280x800 window
        stage.setScene(new Scene(new StackPane(pane.content()), 1280, 220));
        stage.show();
    }

    @BeforeEach
    void stopped() {
        machine.snapshot = PrefetchFixture.snapshot(3);
        PaneShots.pump(pane.content());
    }

    @Test
    void a_lesson_highlight_marks_the_candidate_in_the_table_and_the_strip(FxRobot robot) throws Exception {
        TableView<CandidateRow> table = robot.lookup("#prefetch-table").query();
        CandidateRow second = table.getItems().get(2);
        robot.interact(() -> dev.memscope.views.common.HighlightTarget.of(pane.content()).orElseThrow()
                .showHighlights(java.util.List.of(new dev.memscope.emulator.api.Highlight.Candidate(second.gfn()))));
        WaitForAsyncUtils.waitForFxEvents();
        var lit = robot.lookup(".table-row-cell").queryAll().stream().filter(n -> n.getPseudoClassStates()
                .contains(dev.memscope.views.common.Highlights.PSEUDO_CLASS)).toList();
        assertThat(lit).singleElement().satisfies(n -> assertThat(((javafx.scene.control.TableRow<?>) n).getItem())
                .isEqualTo(second));
        javafx.scene.Node strip = robot.lookup("#prefetch-strip").query();
        var image = WaitForAsyncUtils.asyncFx(() -> dev.memscope.views.image.NodeImages.snapshot(strip, 1)).get();
        assertThat(dev.memscope.views.common.Pixels.count(image, dev.memscope.views.common.Highlights.COLOUR))
                .isPositive();
    }

    @Test
    void the_window_of_the_last_prefetch_shows_each_function_of_the_device(FxRobot robot) {
        assertThat(pane.id()).isEqualTo("prefetch-pane");
        TableView<CandidateRow> table = robot.lookup("#prefetch-table").query();
        assertThat(table.getItems()).extracting(CandidateRow::shown).startsWith(Shown.NO_SLOT, Shown.FAULTING_ENTRY,
                Shown.ABORTED_EARLIER_RUN);
        assertThat(robot.lookup("#prefetch-summary").queryLabeled().getText()).contains("Mapped 0 of 7");
        assertThat(robot.lookup("#prefetch-strip").tryQuery()).isPresent();
    }

    @Test
    void choosing_another_fault_shows_its_window(FxRobot robot) {
        ComboBox<FaultRecord> chooser = robot.lookup("#prefetch-fault").query();
        FaultRecord ram = chooser.getItems().stream().filter(f -> f.seq() == 3).findFirst().orElseThrow();
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> chooser.setValue(ram));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<CandidateRow> table = robot.lookup("#prefetch-table").query();
        assertThat(table.getItems()).extracting(CandidateRow::shown).containsSubsequence(Shown.PREFETCHED,
                Shown.HOST_PAGE_ABSENT);
        robot.clickOn("#prefetch-follow");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chooser.getValue().seq()).isEqualTo(41);
    }

    @Test
    void break_on_a_config_access_from_a_candidate_row(FxRobot robot) {
        TableRow<?> row = robot.lookup("#prefetch-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof CandidateRow c && c.gfn() == 0xB00FA).findFirst().orElseThrow();
        PaneShots.openContextMenu(robot, row);
        robot.clickOn("#prefetch-break-hole");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.HoleHit(0, 0x1f, 2));
    }

    @Test
    void pictures_at_the_bottom_and_right_dock_sizes() {
        assertThat(PaneShots.write(pane.content(), "prefetch")).isGreaterThan(20);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            stage.setWidth(384);
            stage.setHeight(600);
        });
        WaitForAsyncUtils.waitForFxEvents();
        try {
            assertThat(PaneShots.write(pane.content(), "prefetch-right")).isGreaterThan(20);
        } finally {
            WaitForAsyncUtils.waitForAsyncFx(5000, stage::sizeToScene); // the primary stage is shared by later tests
        }
    }

    private static double height(PrefetchStrip strip) {
        try {
            return WaitForAsyncUtils.asyncFx(strip::getHeight).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void presenter_mode_makes_the_strip_taller_with_larger_text() {
        PrefetchStrip strip = (PrefetchStrip) pane.content().lookup("." + PrefetchView.STRIP_CLASS);
        double before = height(strip);
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> stage.getScene().getRoot().getStyleClass()
                .add(dev.memscope.views.common.Highlights.PRESENTER));
        WaitForAsyncUtils.waitForFxEvents();
        try {
            assertThat(height(strip)).isCloseTo(before * dev.memscope.views.common.CanvasScale.PRESENTER,
                    org.assertj.core.data.Offset.offset(1.0)); // snapped to whole pixels
            assertThat(PaneShots.write(pane.content(), "prefetch-presenter")).isGreaterThan(20);
        } finally {
            WaitForAsyncUtils.waitForAsyncFx(5000, () -> stage.getScene().getRoot().getStyleClass()
                    .remove(dev.memscope.views.common.Highlights.PRESENTER));
        }
    }

    @Test
    void picture_under_the_tdp_mmu_which_never_prefetches(FxRobot robot) {
        machine.snapshot = dev.memscope.views.panekit.PciScanFixture.snapshot(9);
        PaneShots.pump(pane.content());
        assertThat(robot.lookup("#prefetch-summary").queryLabeled().getText()).startsWith("The TDP MMU never");
        assertThat(PaneShots.write(pane.content(), "prefetch-tdp")).isGreaterThan(10);
    }
}
