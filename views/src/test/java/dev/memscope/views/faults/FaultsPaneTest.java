package dev.memscope.views.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.panekit.PaneShots;
import dev.memscope.views.panekit.PciScanFixture;
import dev.memscope.views.workbench.DockPane;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
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
class FaultsPaneTest {
    private final FakeMachine machine = new FakeMachine();
    private DockPane pane;

    @Start
    void start(Stage stage) {
        pane = FaultsPane.create(machine);
        // the right dock of a 1280x800 window (left dock empty, bottom dock open)
        stage.setScene(new Scene(new StackPane(pane.content()), 384, 640));
        stage.show();
    }

    @BeforeEach
    void stoppedAfterMap() {
        machine.snapshot = PciScanFixture.snapshot(4);
        PaneShots.pump(pane.content());
    }

    @Test
    void the_current_fault_is_marked_where_the_machine_stopped(FxRobot robot) {
        assertThat(pane.id()).isEqualTo("faults-pane");
        Node map = robot.lookup("#faults-phase-map").query();
        assertThat(map.getStyleClass()).contains(FaultsView.CARD_STOPPED_CLASS);
        assertThat(robot.lookup("#faults-phase-done").query().getStyleClass())
                .contains(FaultsView.CARD_PENDING_CLASS);
    }

    @Test
    void clicking_a_fault_in_the_history_shows_it_in_full(FxRobot robot) {
        ListView<FaultRecord> list = robot.lookup("#faults-history").query();
        FaultHistoryCell cell = robot.lookup(".faults-history-cell").queryAllAs(FaultHistoryCell.class).stream()
                .filter(c -> c.getItem() != null && c.getItem().seq() == 14).findFirst().orElseThrow();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#faults-header").queryLabeled().getText()).startsWith("#14 read gpa 0xb0018000")
                .endsWith("RET_PF_FIXED");
        assertThat(robot.lookup("#faults-phase-done").query().getStyleClass()).contains(FaultsView.CARD_RAN_CLASS);
        assertThat(list.getSelectionModel().getSelectedItem().seq()).isEqualTo(14);
        robot.clickOn("#faults-follow");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#faults-header").queryLabeled().getText()).startsWith("#16");
    }

    @Test
    void a_lesson_highlight_marks_the_phase_card_it_names(FxRobot robot) {
        robot.interact(() -> dev.memscope.views.common.HighlightTarget.of(pane.content()).orElseThrow()
                .showHighlights(java.util.List.of(dev.memscope.emulator.api.Highlight.parse("phase:faultin_pfn"))));
        WaitForAsyncUtils.waitForFxEvents();
        var lit = dev.memscope.views.common.Highlights.PSEUDO_CLASS;
        assertThat(robot.lookup("#faults-phase-faultin_pfn").query().getPseudoClassStates()).contains(lit);
        assertThat(robot.lookup("#faults-phase-map").query().getPseudoClassStates()).doesNotContain(lit);
        robot.interact(() -> dev.memscope.views.common.HighlightTarget.of(pane.content()).orElseThrow()
                .showHighlights(java.util.List.of()));
        assertThat(robot.lookup("#faults-phase-faultin_pfn").query().getPseudoClassStates()).doesNotContain(lit);
    }

    @Test
    void the_step_buttons_send_the_fault_step_commands(FxRobot robot) {
        robot.clickOn("#faults-step-phase");
        robot.clickOn("#faults-run-to-fault");
        assertThat(machine.commands).containsExactly("step FAULT_PHASE", "step PAGE_FAULT");
    }

    @Test
    void picture_at_the_right_dock_size() {
        int colours = PaneShots.write(pane.content(), "faults");
        assertThat(colours).isGreaterThan(20);
    }
}
