package dev.memscope.views.common;

import dev.memscope.emulator.api.Highlight;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;

/**
 * A pane that can point at what a lesson step names ({@link Highlight}): it marks the matching rows, cells or cards
 * and ignores the kinds it does not show. A pane's content node carries its target in its properties under this
 * class, as it carries its {@link PaneModel}.
 */
@FunctionalInterface
public interface HighlightTarget {
    /** Replaces the highlights (an empty list clears them). Called on the JavaFX thread. */
    void showHighlights(List<Highlight> highlights);

    static void install(Node content, HighlightTarget target) {
        content.getProperties().put(HighlightTarget.class, target);
    }

    static Optional<HighlightTarget> of(Node content) {
        return content.getProperties().get(HighlightTarget.class) instanceof HighlightTarget t ? Optional.of(t)
                : Optional.empty();
    }
}
