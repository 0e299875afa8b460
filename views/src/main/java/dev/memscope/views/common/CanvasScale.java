package dev.memscope.views.common;

import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.text.Font;
import javafx.util.Subscription;

/**
 * How much larger canvases draw their own text, and the margins that hold it, in presenter mode: the presenter style
 * sheet grows control text from about 11 to 18 px, and canvas text is out of its reach.
 */
public final class CanvasScale {
    public static final double PRESENTER = 1.6;

    private CanvasScale() {
    }

    /** 1 normally, {@value #PRESENTER} when the node is shown in presenter mode. */
    public static double of(Node node) {
        return Highlights.inPresenter(node) ? PRESENTER : 1;
    }

    /** The font at {@code scale} times its size. */
    public static Font scaled(Font font, double scale) {
        return scale == 1 ? font : Font.font(font.getFamily(), weightOf(font), font.getSize() * scale);
    }

    private static javafx.scene.text.FontWeight weightOf(Font font) {
        String style = font.getStyle().toLowerCase(java.util.Locale.ROOT);
        return style.contains("bold") ? javafx.scene.text.FontWeight.BOLD : javafx.scene.text.FontWeight.NORMAL;
    }

    /**
     * Runs {@code changed} whenever the node's window enters or leaves presenter mode, or the node moves to another
     * scene; the subscription stops it.
     */
    public static Subscription watch(Node node, Runnable changed) {
        ListChangeListener<String> onClasses = c -> changed.run();
        Parent[] watched = new Parent[1];
        Runnable rebind = () -> {
            Parent root = node.getScene() == null ? null : node.getScene().getRoot();
            if (root != watched[0]) {
                if (watched[0] != null) {
                    watched[0].getStyleClass().removeListener(onClasses);
                }
                watched[0] = root;
                if (root != null) {
                    root.getStyleClass().addListener(onClasses);
                }
            }
        };
        ChangeListener<Scene> onScene = (o, before, after) -> {
            rebind.run();
            changed.run();
        };
        node.sceneProperty().addListener(onScene);
        rebind.run();
        return () -> {
            node.sceneProperty().removeListener(onScene);
            if (watched[0] != null) {
                watched[0].getStyleClass().removeListener(onClasses);
            }
        };
    }
}
