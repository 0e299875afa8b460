package dev.memscope.views.lessons;

import dev.memscope.emulator.api.Highlight;
import java.util.List;

/**
 * One step as the machine left it: the explanation (Markdown, the machine's numbers already in it), the panes to
 * bring forward, what to highlight in them, and the question, if any.
 *
 * @param index 0-based; {@code count} steps in the lesson
 * @param question the question to ask, or empty
 */
public record StepShown(String lessonId, int index, int count, String title, String markdown, List<String> panes,
        List<Highlight> highlights, String question) {
    public StepShown {
        panes = List.copyOf(panes);
        highlights = List.copyOf(highlights);
    }
}
