package dev.memscope.views.panekit;

import dev.memscope.views.common.SnapshotFeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.views.image.NodeImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.input.ContextMenuEvent;
import org.testfx.api.FxRobot;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

/** Pictures of panes for review: {@code views/target/pane-shots/NAME.png}. */
public final class PaneShots {
    private PaneShots() {
    }

    /** Renders {@code node} on the JavaFX thread, writes the PNG and returns the picture's distinct colours. */
    public static int write(Node node, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image;
        try {
            image = WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(
                    () -> NodeImages.snapshot(node, 1)));
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
        Path file = Path.of("target", "pane-shots", name + ".png");
        try {
            NodeImages.writePng(image, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(file).exists();
        return NodeImages.distinctColours(image, 1000);
    }

    /**
     * Opens {@code control}'s context menu: a right click, and, where the headless glass does not turn a right click
     * into a context-menu request, the request the click would have made, at the same point.
     */
    public static void openContextMenu(FxRobot robot, Control control) {
        robot.rightClickOn(control);
        WaitForAsyncUtils.waitForFxEvents();
        if (control.getContextMenu() != null && !control.getContextMenu().isShowing()) {
            WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
                Bounds b = control.localToScreen(control.getBoundsInLocal());
                double x = b.getMinX() + b.getWidth() / 2;
                double y = b.getMinY() + b.getHeight() / 2;
                Point2D local = control.screenToLocal(x, y);
                Event.fireEvent(control, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(),
                        local.getY(), x, y, false, null));
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(control.getContextMenu().isShowing()).as("context menu showing").isTrue();
    }

    /** Runs one frame of a pane's feed (found in the node's properties) and lets the answers arrive. */
    public static void pump(Node paneContent) {
        SnapshotFeed feed = (SnapshotFeed) paneContent.getProperties().get(SnapshotFeed.class);
        WaitForAsyncUtils.waitForAsyncFx(5000, feed::pumpNow);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
