package dev.memscope.views.common;

import dev.memscope.emulator.api.Highlight;
import dev.memscope.emulator.api.MemslotInfo;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.paint.Color;

/**
 * How panes show a lesson's highlights: one colour, one pseudo-class for rows and cards ({@code :lesson-highlight},
 * styled in each pane's CSS), and outlines on canvases that grow thicker in presenter mode (a {@value #PRESENTER}
 * style class on the scene's root).
 */
public final class Highlights {
    public static final PseudoClass PSEUDO_CLASS = PseudoClass.getPseudoClass("lesson-highlight");
    public static final Color COLOUR = Color.web("#ff6d00");
    /** The style class presenter mode puts on the scene's root. */
    public static final String PRESENTER = "presenter";

    private Highlights() {
    }

    /** Whether {@code slot} is named by one of the highlights (by id, or as the slot covering a gpa). */
    public static boolean coversSlot(List<Highlight> highlights, MemslotInfo slot) {
        for (Highlight h : highlights) {
            if (slot.asId() != 0) {
                continue;
            }
            if (h instanceof Highlight.Memslot m && m.slotId() == slot.id()
                    || h instanceof Highlight.MemslotAt at && Long.compareUnsigned(at.gpa(), slot.gpaStart()) >= 0
                            && Long.compareUnsigned(at.gpa(), slot.gpaEnd()) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Width of a canvas outline: thicker when the node is shown in presenter mode. */
    public static double strokeWidth(Node node) {
        return inPresenter(node) ? 5 : 3;
    }

    public static boolean inPresenter(Node node) {
        Parent root = node.getScene() == null ? null : node.getScene().getRoot();
        return root != null && root.getStyleClass().contains(PRESENTER);
    }
}
