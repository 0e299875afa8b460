package dev.memscope.views.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.image.NodeImages;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the Compare pane at the centre dock's size in a 1280x800 window (left stack shown, right stack empty) to
 * target/pane-shots/compare.png (both backends) and compare-model.png (the model alone).
 */
@ExtendWith(ApplicationExtension.class)
class ComparePaneShotTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private WritableImage render(CompareTable table, String file) throws Exception {
        WritableImage[] image = new WritableImage[1];
        CompareView[] view = new CompareView[1];
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            view[0] = (CompareView) ComparePane.create(new FakeMachine(),
                    (setup, p) -> CompletableFuture.completedFuture(table)).content();
            stage.setScene(new Scene((Parent) view[0], 890, 450));
        stage.sizeToScene(); // the stage is shared between tests: take this scene's size
            stage.show();
            view[0].model().onSnapshot(CompareFixtures.snapshot("pci-scan", HoleVariant.ALLONES));
            view[0].model().runComparison();
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> image[0] = NodeImages.snapshot(view[0], 1));
        NodeImages.writePng(image[0], Path.of("target/pane-shots/" + file));
        return image[0];
    }

    @Test
    void renders_pci_scan_compared_on_the_model_and_on_kvm() throws Exception {
        assertThat(NodeImages.distinctColours(render(CompareFixtures.both(), "compare.png"), 64)).isGreaterThan(20);
    }

    @Test
    void renders_the_pane_before_any_comparison() throws Exception {
        WritableImage[] image = new WritableImage[1];
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            CompareView view = (CompareView) ComparePane.create(new FakeMachine(),
                    (setup, p) -> new CompletableFuture<>()).content();
            stage.setScene(new Scene(view, 890, 450));
        stage.sizeToScene(); // the stage is shared between tests: take this scene's size
            stage.show();
            view.model().onSnapshot(CompareFixtures.snapshot("pci-scan", HoleVariant.ALLONES));
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> image[0] = NodeImages.snapshot(stage.getScene().getRoot(), 1));
        NodeImages.writePng(image[0], Path.of("target/pane-shots/compare-empty.png"));
        assertThat(NodeImages.distinctColours(image[0], 64)).isGreaterThan(5);
    }

    @Test
    void renders_pci_scan_compared_on_the_model_alone() throws Exception {
        assertThat(NodeImages.distinctColours(render(CompareFixtures.modelOnly(), "compare-model.png"), 64))
                .isGreaterThan(20);
    }
}
