package dev.memscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.emulator.session.Machine;
import dev.memscope.views.image.NodeImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The scripted scenario of issue 6: pci-scan under the ALLONES variant on the simulated machine, stopped inside a
 * page fault on an absent function mid-scan; every pane is rendered to PNG. With {@code -Dmemscope.screenshots=DIR}
 * (e.g. {@code docs/screenshots}) the pictures are also written there, which is how the committed ones are made.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotScenarioTest {
    static final List<String> PANES = List.of("guest-pane", "memslots-pane", "sptemap-pane", "sptetree-pane",
            "compare-pane", "cpu-pane", "faults-pane", "guestpt-pane", "console-pane", "events-pane", "holehits-pane",
            "prefetch-pane");
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

    private MachineSnapshot await(java.util.function.Predicate<MachineSnapshot> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.test(machine.snapshot()) && System.nanoTime() < deadline) {
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(condition.test(machine.snapshot())).as("condition, last: " + machine.snapshot().stopReason())
                .isTrue();
        return machine.snapshot();
    }

    /** Lets the panes ask their questions and receive the answers (the machine answers in order). */
    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            machine.query(new Query.ReadMemory(0, 8)).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @Test
    void pci_scan_under_allones_stopped_at_the_fault_on_the_first_absent_device(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.model().variantProperty().set(HoleVariant.ALLONES);
            window.model().prefetchPolicyProperty().set("bounded-2m");
            window.model().selectedGuestProperty().set(window.model().guests().stream()
                    .filter(g -> g.name().equals("pci-scan")).findFirst().orElseThrow());
        });
        await(s -> s.state() == RunState.READY && s.setup().guest().equals("pci-scan")
                && s.setup().variant() == HoleVariant.ALLONES);
        // Run to faults until the one on the ECAM page of 00:03.0, the first absent device the scan probes (its
        // ALLONES slot then gets the review's 2 MiB of prefetch), and stop after its prefetch phase.
        long target = 0xB0000000L + (3L << 15);
        for (int i = 0; i < 200; i++) {
            long v = machine.snapshot().version();
            machine.step(StepKind.PAGE_FAULT);
            MachineSnapshot s = await(x -> x.version() > v && x.state() != RunState.RUNNING);
            if (s.currentFault() != null && s.currentFault().addr() == target) {
                break;
            }
        }
        assertThat(machine.snapshot().currentFault().addr()).isEqualTo(target);
        for (int i = 0; i < 8 && !machine.snapshot().stopReason().contains("prefetch done"); i++) {
            long v = machine.snapshot().version();
            machine.step(StepKind.FAULT_PHASE);
            await(x -> x.version() > v && x.state() == RunState.STOPPED);
        }
        assertThat(machine.snapshot().stopReason()).contains("prefetch done");
        settle();

        Path out = Path.of("target", "screenshots");
        String committed = System.getProperty("memscope.screenshots");
        // Each pane is pictured in a larger window than the default so its tables are readable on their own.
        robot.interact(() -> {
            Stage stage = (Stage) window.root().getScene().getWindow();
            stage.setWidth(1680);
            stage.setHeight(1050);
        });
        for (String id : PANES) {
            robot.interact(() -> window.root().dock().select(id));
            settle();
            Node content = robot.lookup("#" + id).query();
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> NodeImages.snapshot(content, 1)).get();
            assertThat(NodeImages.distinctColours(image, 64)).as(id + " is not blank").isGreaterThan(4);
            write(image, out.resolve(id.replace("-pane", "") + ".png"), committed);
        }
        robot.interact(() -> {
            Stage stage = (Stage) window.root().getScene().getWindow();
            stage.setWidth(MemscopeApplication.WIDTH);
            stage.setHeight(MemscopeApplication.HEIGHT);
            window.root().dock().select("sptemap-pane");
            window.root().dock().select("faults-pane");
            window.root().dock().select("prefetch-pane");
        });
        settle();
        WritableImage whole = WaitForAsyncUtils.asyncFx(() -> NodeImages.snapshot(window.root(), 1)).get();
        assertThat(NodeImages.distinctColours(whole, 64)).isGreaterThan(16);
        write(whole, out.resolve("main-window.png"), committed);
    }

    private static void write(WritableImage image, Path file, String committedDir) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            NodeImages.writePng(image, file);
            if (committedDir != null) {
                NodeImages.writePng(image, Path.of(committedDir).resolve(file.getFileName()));
            }
            return null;
        }).get();
        assertThat(Files.size(file)).isGreaterThan(3_000);
    }
}
