package dev.memscope.app.gui.report;

import dev.memscope.app.report.ReportParts;
import dev.memscope.views.image.NodeImages;
import dev.memscope.views.workbench.Dock;
import dev.memscope.views.workbench.DockLayout;
import dev.memscope.views.workbench.DockRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseEvent;

/**
 * Copy as image and Save as PNG, for a pane (with its legend, which lives in the pane) or the whole window, at the
 * screen's output scale so that the picture is as crisp as the screen. On the JavaFX thread.
 */
final class ImageActions {
    private final ReportActions actions;
    /** The pane the user last clicked in or moved the keyboard focus into. */
    private String lastUsed;

    ImageActions(ReportActions actions) {
        this.actions = actions;
        Dock dock = actions.window().root().dock();
        for (String id : dock.paneIds()) {
            Node content = dock.content(id);
            content.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> lastUsed = id);
            content.focusWithinProperty().addListener((obs, was, is) -> {
                if (is) {
                    lastUsed = id;
                }
            });
        }
    }

    /** The pane the user last worked in if it is still in front, else the front pane of the centre region. */
    String currentPane() {
        DockLayout layout = actions.window().root().dock().dockLayout();
        if (lastUsed != null && layout.selected().containsValue(lastUsed)) {
            return lastUsed;
        }
        String front = layout.selected().get(DockRegion.CENTER);
        return front != null ? front : layout.visible().stream().findFirst().orElse(null);
    }

    /** The picture of a pane (brought to the front first), or of the window when {@code paneId} is null. */
    WritableImage picture(String paneId) {
        Node node = actions.window().root();
        if (paneId != null) {
            Dock dock = actions.window().root().dock();
            dock.select(paneId);
            node = dock.content(paneId);
        }
        if (node.getScene() != null) {
            node.getScene().getRoot().applyCss();
            node.getScene().getRoot().layout();
        }
        return NodeImages.snapshot(node, Shots.outputScale(actions.window().root()));
    }

    void copy(String paneId) {
        ClipboardContent content = new ClipboardContent();
        content.putImage(picture(paneId));
        Clipboard.getSystemClipboard().setContent(content);
        actions.window().model().statusProperty().set("Copied " + what(paneId) + " as an image");
    }

    void save(String paneId) {
        String name = paneId == null ? "memscope-window.png" : "memscope-"
                + ReportParts.Image.paneFile(paneId).substring("images/".length());
        Path file = actions.files().save("Save " + what(paneId) + " as PNG", name, "PNG images", "*.png");
        if (file != null) {
            write(paneId, file);
        }
    }

    void write(String paneId, Path file) {
        try {
            Files.write(file, Shots.png(picture(paneId)));
            actions.window().model().statusProperty().set("Saved " + what(paneId) + " to " + file);
        } catch (IOException e) {
            actions.problem("Cannot save " + file + ": " + e.getMessage());
        }
    }

    private String what(String paneId) {
        return paneId == null ? "the window" : "the " + actions.window().root().paneTitles().get(paneId) + " pane";
    }
}
