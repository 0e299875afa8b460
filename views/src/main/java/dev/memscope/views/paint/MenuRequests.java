package dev.memscope.views.paint;

import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseEvent;
import javafx.util.Subscription;

/**
 * Opens a pane's context menu on a secondary-button press, or on the keyboard's menu key. (A secondary press is used
 * rather than the platform's context-menu event alone: the headless test platform never sends that event.)
 */
public final class MenuRequests {
    /** Where the menu was asked for: in the node's coordinates and on the screen. */
    @FunctionalInterface
    public interface Handler {
        void open(double x, double y, double screenX, double screenY);
    }

    private MenuRequests() {
    }

    public static Subscription install(Node node, Handler handler) {
        EventHandler<MouseEvent> press = e -> {
            if (e.isSecondaryButtonDown()) {
                handler.open(e.getX(), e.getY(), e.getScreenX(), e.getScreenY());
                e.consume();
            }
        };
        EventHandler<ContextMenuEvent> key = e -> {
            if (e.isKeyboardTrigger()) {
                handler.open(e.getX(), e.getY(), e.getScreenX(), e.getScreenY());
                e.consume();
            }
        };
        node.addEventHandler(MouseEvent.MOUSE_PRESSED, press);
        node.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, key);
        return () -> {
            node.removeEventHandler(MouseEvent.MOUSE_PRESSED, press);
            node.removeEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, key);
        };
    }
}
