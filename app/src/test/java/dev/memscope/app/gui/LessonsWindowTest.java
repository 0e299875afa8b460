package dev.memscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.session.Machine;
import dev.memscope.views.common.Highlights;
import dev.memscope.views.image.NodeImages;
import dev.memscope.views.lessons.LessonInfo;
import dev.memscope.views.sptemap.SptemapViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lessons panel in the real main window on the real simulated machine: lesson 1's first step brings its panes
 * forward with the highlights on real elements, Next runs on, presenter mode takes over the window by keys. The
 * panel and presenter mode are rendered to target/screenshots (with {@code -Dmemscope.screenshots=DIR} also there).
 */
@ExtendWith(ApplicationExtension.class)
class LessonsWindowTest {
    private WindowFixture fx;
    private Machine machine;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
        machine = fx.machine;
        window = fx.window;
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            machine.query(new Query.ReadMemory(0, 8)).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void lesson_one_points_at_real_elements_and_presenter_mode_runs_on_keys(FxRobot robot) throws Exception {
        ComboBox<LessonInfo> picker = robot.lookup("#lessons-picker").queryAs(ComboBox.class);
        assertThat(picker.getItems()).extracting(LessonInfo::id).startsWith("sparse-pci", "mmio-spte-generation");
        robot.interact(() -> picker.getSelectionModel().select(0));
        await(() -> robot.lookup("#lessons-progress").queryLabeled().getText().equals("Step 1 of 4"), "step 1");
        settle();
        assertThat(machine.snapshot().stopReason()).contains("gpa:0xb0018000");
        // The SPTE map shows the ECAM window with 00:03.0's eight functions outlined.
        Node map = robot.lookup("#sptemap-pane").query();
        assertThat(map.isVisible()).isTrue();
        assertThat(robot.lookup("#sptemap-region").queryComboBox().getValue().toString()).startsWith("ECAM window");
        var image = WaitForAsyncUtils.asyncFx(() -> NodeImages.snapshot(window.root(), 1)).get();
        write(image, "lessons-panel.png");

        robot.clickOn("#lessons-next");
        await(() -> robot.lookup("#lessons-progress").queryLabeled().getText().equals("Step 2 of 4"), "step 2");
        assertThat(robot.lookup("#lessons-step-title").queryLabeled().getText())
                .isEqualTo("The whole scan under mmio-exit");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.root().getStyleClass()).contains(Highlights.PRESENTER);
        robot.type(KeyCode.PAGE_DOWN);
        await(() -> robot.lookup("#lessons-progress").queryLabeled().getText().equals("Step 3 of 4"), "step 3");
        settle();
        assertThat(window.root().dock().visibleProperty("memslots-pane").get()).isTrue();
        assertThat(window.root().dock().visibleProperty("cpu-pane").get()).isFalse();
        image = WaitForAsyncUtils.asyncFx(() -> NodeImages.snapshot(window.root(), 1)).get();
        write(image, "lessons-presenter.png");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.root().getStyleClass()).doesNotContain(Highlights.PRESENTER);
        assertThat(window.root().dock().visibleProperty("cpu-pane").get()).isTrue();
    }

    private static void write(javafx.scene.image.WritableImage image, String name) throws Exception {
        Path file = Path.of("target", "screenshots", name);
        String committed = System.getProperty("memscope.screenshots");
        WaitForAsyncUtils.asyncFx(() -> {
            NodeImages.writePng(image, file);
            if (committed != null) {
                NodeImages.writePng(image, Path.of(committed).resolve(name));
            }
            return null;
        }).get();
        assertThat(Files.size(file)).isGreaterThan(3_000);
    }
}
