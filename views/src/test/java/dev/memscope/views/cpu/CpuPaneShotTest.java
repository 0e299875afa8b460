package dev.memscope.views.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.image.NodeImages;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Renders the CPU pane at the left dock's size (a quarter of a 1280x800 window) to target/pane-shots/cpu.png. */
@ExtendWith(ApplicationExtension.class)
class CpuPaneShotTest {
    static final int WIDTH = 320;
    static final int HEIGHT = 450;
    private final FakeMachine machine = new FakeMachine().answer(Query.Disassemble.class, CpuFixtures::disassemble);
    private CpuView view;

    @Start
    void start(Stage stage) {
        machine.setBreakpoints(List.of(new Breakpoint.Rip(0x100bc1)));
        view = (CpuView) CpuPane.create(machine).content();
        stage.setScene(new Scene((Parent) view, WIDTH, HEIGHT));
        stage.sizeToScene(); // the stage is shared between tests: take this scene's size
        stage.show();
    }

    @Test
    void renders_pci_scan_stopped_at_an_ecam_read() throws Exception {
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            view.model().onSnapshot(CpuFixtures.snapshot(1, RunState.STOPPED, CpuFixtures.atIdRead(2, 0x202),
                    "run to next page fault: stopped"));
            view.model().onSnapshot(CpuFixtures.snapshot(2, RunState.STOPPED, CpuFixtures.atIdRead(3, 0x246),
                    "Page fault: EPT violation at gpa 0xb0018000"));
        });
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> image[0] = NodeImages.snapshot(view, 1));
        NodeImages.writePng(image[0], Path.of("target/pane-shots/cpu.png"));
        assertThat(NodeImages.distinctColours(image[0], 64)).isGreaterThan(20);
    }

    @Test
    void renders_the_bytes_column_in_a_wider_dock() throws Exception {
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            Stage stage = (Stage) view.getScene().getWindow();
            view = (CpuView) CpuPane.create(machine).content();
            stage.setScene(new Scene(view, 520, HEIGHT));
            stage.sizeToScene();
            view.model().showBytesProperty().set(true);
            view.model().onSnapshot(CpuFixtures.snapshot(1, RunState.STOPPED, CpuFixtures.atIdRead(3, 0x246),
                    "Breakpoint at RIP 0x100bb3"));
        });
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> image[0] = NodeImages.snapshot(view, 1));
        NodeImages.writePng(image[0], Path.of("target/pane-shots/cpu-bytes.png"));
        assertThat(NodeImages.distinctColours(image[0], 64)).isGreaterThan(20);
    }
}
