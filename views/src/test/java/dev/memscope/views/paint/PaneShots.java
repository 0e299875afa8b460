package dev.memscope.views.paint;

import dev.memscope.views.image.NodeImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import org.testfx.util.WaitForAsyncUtils;

/** Renders a pane to {@code target/pane-shots/NAME.png} (relative to the views module) for people to look at. */
public final class PaneShots {
    private PaneShots() {
    }

    public static Path write(Node node, String name) throws Exception {
        Path file = Path.of("target", "pane-shots", name + ".png");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            node.applyCss();
            if (node instanceof javafx.scene.Parent p) {
                p.layout();
            }
            NodeImages.writePng(node, 1, file);
            return null;
        }).get(20, TimeUnit.SECONDS);
        if (!Files.isRegularFile(file) || Files.size(file) < 1000) {
            throw new AssertionError("no picture written to " + file.toAbsolutePath());
        }
        return file;
    }
}
