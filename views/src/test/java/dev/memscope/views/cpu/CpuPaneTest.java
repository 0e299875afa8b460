package dev.memscope.views.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class CpuPaneTest {
    private final FakeMachine machine = new FakeMachine().answer(Query.Disassemble.class, CpuFixtures::disassemble);
    private DockPane pane;
    private PaneModel model;

    @Start
    void start(Stage stage) {
        pane = CpuPane.create(machine);
        model = (PaneModel) pane.content().getProperties().get(PaneModel.class);
        stage.setScene(new Scene((javafx.scene.Parent) pane.content(), 360, 560));
        stage.sizeToScene(); // the stage is shared between tests: take this scene's size
        stage.show();
    }

    private void stopAt(int version, int dev, long rflags) {
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> model.onSnapshot(CpuFixtures.snapshot(version,
                RunState.STOPPED, CpuFixtures.atIdRead(dev, rflags), "stopped at a page fault")));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void the_factory_names_the_pane_and_docks_it_left() {
        assertThat(pane.id()).isEqualTo("cpu-pane");
        assertThat(pane.region()).isEqualTo(DockRegion.LEFT);
        assertThat(model).isInstanceOf(CpuViewModel.class);
    }

    @Test
    void registers_show_values_and_highlight_what_changed_since_the_last_stop(FxRobot robot) {
        stopAt(1, 2, 0x202);
        stopAt(2, 3, 0x246);
        Label rsi = robot.lookup("#reg-rsi").queryAs(Label.class);
        assertThat(RegistersView.shownValue(rsi)).isEqualTo("00000000b0018000");
        assertThat(rsi.getText()).isEqualTo("b0018000");
        assertThat(rsi.getStyleClass()).contains(CpuStyles.CHANGED);
        assertThat(robot.lookup("#reg-rcx").queryAs(Label.class).getStyleClass()).doesNotContain(CpuStyles.CHANGED);
        assertThat(robot.lookup("#flag-zf").queryAs(Label.class).getStyleClass()).contains(CpuStyles.FLAG_SET,
                CpuStyles.CHANGED);
        assertThat(robot.lookup("#decoded-efer").queryAs(Label.class).getText()).isEqualTo("NXE LMA LME");
    }

    @Test
    void a_disposed_view_no_longer_follows_its_model(FxRobot robot) {
        stopAt(1, 2, 0x202);
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> ((CpuView) pane.content()).dispose());
        stopAt(2, 3, 0x246);
        assertThat(robot.lookup("#reg-rsi").queryAs(Label.class).getText()).isEqualTo("b0010000");
    }

    @Test
    void the_current_instruction_is_marked_in_the_text_and_the_gutter(FxRobot robot) {
        stopAt(1, 3, 0x246);
        CodeArea area = robot.lookup("#disasm-area").queryAs(CodeArea.class);
        int p = ((CpuView) pane.content()).model().listingProperty().get().paragraphOf(CpuFixtures.FAULT_RIP);
        assertThat(area.getParagraph(p).getText()).contains("100bb3:").contains("mov    (%rsi),%r14d");
        assertThat(area.getParagraph(p).getParagraphStyle()).containsExactly(CpuStyles.CURRENT_LINE);
        Node arrow = robot.lookup("#gutter-100bb3 ." + CpuStyles.CURRENT_ARROW).query();
        assertThat(arrow.isVisible()).isTrue();
        assertThat(robot.lookup("#gutter-100bb0 ." + CpuStyles.CURRENT_ARROW).query().isVisible()).isFalse();
    }

    @Test
    void clicking_the_gutter_toggles_a_rip_breakpoint(FxRobot robot) {
        stopAt(1, 3, 0x246);
        robot.clickOn("#gutter-100bb0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.Rip(0x100bb0));
        assertThat(robot.lookup("#gutter-100bb0 ." + CpuStyles.BREAKPOINT_DOT).query().getStyleClass())
                .contains(CpuStyles.SET);
        robot.clickOn("#gutter-100bb0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(machine.breakpoints()).isEmpty();
    }

    @Test
    void the_context_menu_breaks_at_the_line_under_the_mouse(FxRobot robot) {
        stopAt(1, 3, 0x246);
        CodeArea area = robot.lookup("#disasm-area").queryAs(CodeArea.class);
        Node gutter = robot.lookup("#gutter-100bb3").query();
        var bounds = gutter.localToScene(gutter.getBoundsInLocal());
        double x = bounds.getMaxX() + 40;
        double y = bounds.getCenterY();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> area.fireEvent(new ContextMenuEvent(
                ContextMenuEvent.CONTEXT_MENU_REQUESTED, x, y, 0, 0, false, null)));
        DisasmView view = (DisasmView) robot.lookup("." + CpuStyles.DISASM).query();
        assertThat(view.menu().getItems().get(0).getText()).isEqualTo("Break when RIP = 0x100bb3");
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            view.menu().getItems().get(0).fire();
            view.menu().hide();
        });
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.Rip(0x100bb3));
    }
}
