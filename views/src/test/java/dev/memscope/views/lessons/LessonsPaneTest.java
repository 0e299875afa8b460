package dev.memscope.views.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Highlight;
import dev.memscope.views.common.HighlightTarget;
import dev.memscope.views.common.Highlights;
import dev.memscope.views.image.NodeImages;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;
import dev.memscope.views.workbench.Workbench;
import dev.memscope.views.workbench.WorkbenchViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LessonsPaneTest {
    private final FakeDriver driver = new FakeDriver();
    private final List<List<Highlight>> aHighlights = new ArrayList<>();
    private final List<List<Highlight>> bHighlights = new ArrayList<>();
    private Workbench workbench;

    @Start
    void start(Stage stage) {
        workbench = new Workbench(new WorkbenchViewModel());
        Label a = new Label("pane A");
        HighlightTarget.install(a, aHighlights::add);
        Label b = new Label("pane B");
        HighlightTarget.install(b, bHighlights::add);
        workbench.addPane(new DockPane("a-pane", "A", a, DockRegion.CENTER));
        workbench.addPane(new DockPane("b-pane", "B", b, DockRegion.CENTER));
        workbench.addPane(new DockPane("c-pane", "C", new Label("pane C"), DockRegion.BOTTOM));
        LessonsPane.install(workbench, driver, Runnable::run);
        stage.setScene(new Scene(workbench, 1100, 700));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @Test
    void a_step_brings_its_panes_forward_with_their_highlights(FxRobot robot) {
        robot.interact(() -> robot.lookup("#lessons-picker").queryComboBox().getSelectionModel().select(0));
        assertThat(robot.lookup("#lessons-step-title").queryLabeled().getText()).isEqualTo("Step title 1");
        assertThat(robot.lookup("#lessons-progress").queryLabeled().getText()).isEqualTo("Step 1 of 3");
        assertThat(aHighlights.get(aHighlights.size() - 1)).containsExactly(new Highlight.Spte(0xb0018));
        assertThat(bHighlights.get(bHighlights.size() - 1)).isEmpty();
        assertThat(robot.lookup("#lessons-question-box").query().isVisible()).isFalse();
        robot.clickOn("#lessons-next");
        assertThat(bHighlights.get(bHighlights.size() - 1)).containsExactly(new Highlight.Spte(0xb0019));
        assertThat(aHighlights.get(aHighlights.size() - 1)).isEmpty();
        assertThat(robot.lookup("#tab-b-pane").query().getParent()).isNotNull();
        assertThat(robot.lookup("#lessons-question").queryLabeled().getText()).isEqualTo("How many exits next?");
        robot.clickOn("#lessons-answer").write("32").type(KeyCode.ENTER);
        assertThat(robot.lookup("#lessons-feedback").queryLabeled().getText()).startsWith("Right");
        robot.clickOn("#lessons-previous");
        assertThat(driver.shown).containsExactly("demo:0", "demo:1", "demo:0");
    }

    @Test
    void presenter_mode_is_large_clean_and_driven_by_keys(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#lessons-picker").queryComboBox().getSelectionModel().select(0));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workbench.getStyleClass()).contains(Highlights.PRESENTER);
        assertThat(workbench.getTop().isVisible()).as("no menu or tool bar").isFalse();
        assertThat(workbench.dock().visibleProperty("a-pane").get()).isTrue();
        assertThat(workbench.dock().visibleProperty("b-pane").get()).isFalse();
        assertThat(workbench.dock().visibleProperty("c-pane").get()).isFalse();
        assertThat(robot.lookup("#lessons-step-title").queryLabeled().getFont().getSize()).isGreaterThan(24);
        write(robot, "presenter-fake.png");

        robot.type(KeyCode.PAGE_DOWN);
        assertThat(robot.lookup("#lessons-progress").queryLabeled().getText()).isEqualTo("Step 2 of 3");
        assertThat(workbench.dock().visibleProperty("b-pane").get()).isTrue();
        assertThat(workbench.dock().visibleProperty("a-pane").get()).isFalse();
        robot.type(KeyCode.LEFT);
        assertThat(robot.lookup("#lessons-progress").queryLabeled().getText()).isEqualTo("Step 1 of 3");
        robot.type(KeyCode.RIGHT);
        robot.clickOn("#lessons-answer").write("31");
        robot.type(KeyCode.RIGHT); // typing: the arrow moves the caret, not the lesson
        assertThat(robot.lookup("#lessons-progress").queryLabeled().getText()).isEqualTo("Step 2 of 3");
        robot.type(KeyCode.ENTER);
        assertThat(robot.lookup("#lessons-feedback").queryLabeled().getText()).startsWith("Not quite");
        robot.type(KeyCode.ESCAPE);
        assertThat(workbench.getStyleClass()).doesNotContain(Highlights.PRESENTER);
        assertThat(workbench.getTop().isVisible()).isTrue();
        for (String id : List.of("a-pane", "b-pane", "c-pane")) {
            assertThat(workbench.dock().visibleProperty(id).get()).as(id + " shown again").isTrue();
        }
        write(robot, "lessons-fake.png");
    }

    private void write(FxRobot robot, String name) throws Exception {
        var image = WaitForAsyncUtils.asyncFx(() -> NodeImages.snapshot(workbench, 1)).get();
        WaitForAsyncUtils.asyncFx(() -> {
            NodeImages.writePng(image, Path.of("target", "screenshots", name));
            return null;
        }).get();
    }
}
