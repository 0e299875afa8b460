package dev.memscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.backend.ScriptedBackend;
import dev.memscope.emulator.session.Machine;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.views.image.NodeImages;
import dev.memscope.views.workbench.GuestChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private MainWindow window;
    private Machine machine;

    @Start
    void start(Stage stage) {
        machine = new Machine(setup -> new ScriptedBackend().out(GuestAbi.PORT_CONSOLE, 1, 'h')
                .out(GuestAbi.PORT_CONSOLE, 1, 'i').out(GuestAbi.PORT_EXIT, 4, 0));
        window = new MainWindow(GuestCatalog.builtIn(), machine);
        stage.setScene(new Scene(window.root(), MemscopeApplication.WIDTH, MemscopeApplication.HEIGHT));
        stage.show();
    }

    @Test
    void the_guest_picker_lists_the_catalog(FxRobot robot) {
        ComboBox<GuestChoice> picker = robot.lookup("#guest-picker").queryComboBox();
        assertThat(picker.getItems()).extracting(GuestChoice::name)
                .containsExactlyElementsOf(GuestCatalog.builtIn().guests().stream().map(g -> g.name()).toList());
        assertThat(picker.getValue()).isNotNull();
        Label name = robot.lookup("#guest-name").queryAs(Label.class);
        assertThat(name.getText()).isEqualTo(picker.getValue().name());
    }

    @Test
    void the_window_has_the_shell_of_the_debugger(FxRobot robot) {
        for (String id : new String[] {"#menu-bar", "#tool-bar", "#btn-run", "#btn-pause", "#btn-step", "#btn-reset",
            "#console-pane", "#guest-pane", "#status-bar"}) {
            assertThat(robot.lookup(id).tryQuery()).as(id).isPresent();
        }
    }

    @AfterEach
    void stopMachine() {
        window.stop();
        machine.close();
    }

    @Test
    void run_shows_the_console_output_and_the_exit_code(FxRobot robot) {
        awaitState(RunState.READY);
        robot.clickOn("#btn-run");
        awaitState(RunState.EXITED);
        WaitForAsyncUtils.waitForAsyncFx(2000, () -> window.pumpNow());
        assertThat(robot.lookup("#console-text").queryTextInputControl().getText()).isEqualTo("hi");
        assertThat(robot.lookup("#machine-state").queryAs(Label.class).getText()).contains("EXITED", "exit code 0");
        assertThat(robot.lookup("#btn-run").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#btn-reset").queryButton().isDisabled()).isFalse();
    }

    private void awaitState(RunState state) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (machine.snapshot().state() != state && System.nanoTime() < deadline) {
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(machine.snapshot().state()).isEqualTo(state);
        WaitForAsyncUtils.waitForAsyncFx(2000, () -> window.pumpNow());
    }

    @Test
    void a_snapshot_of_the_window_is_written_and_is_not_blank() throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> NodeImages.snapshot(window.root(), 1)).get();
        assertThat(image.getWidth()).isEqualTo(MemscopeApplication.WIDTH);
        assertThat(NodeImages.distinctColours(image, 64)).as("distinct colours").isGreaterThan(16);
        Path png = Path.of("target", "screenshots", "main-window.png");
        WaitForAsyncUtils.asyncFx(() -> {
            NodeImages.writePng(image, png);
            return null;
        }).get();
        assertThat(Files.size(png)).isGreaterThan(5_000);
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo((int) MemscopeApplication.WIDTH);
    }
}
