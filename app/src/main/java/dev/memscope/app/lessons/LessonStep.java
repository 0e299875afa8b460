package dev.memscope.app.lessons;

import dev.memscope.emulator.api.Highlight;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.StopAt;
import java.util.List;

/**
 * One step of a lesson. To show it the machine runs (from where the previous step of the same setup left it) to
 * {@code stop}, then the VMM switches the hole to {@code switchTo} if set; the panes named come to the front with
 * the highlights on them, beside the explanation.
 *
 * @param setup the setup in force (the lesson's, with this step's overrides); a change restarts the guest
 * @param stop where the machine stops, or null to stay where it is
 * @param switchTo a hole variant to switch to live at the stop, or null
 * @param text Markdown, with {@code {{measure}}} placeholders filled from the machine at the stop
 * @param question a question whose answer the machine measures, or null
 */
public record LessonStep(int index, String title, String text, LessonSetup setup, StopAt stop, HoleVariant switchTo,
        List<String> panes, List<Highlight> highlights, LessonQuestion question) {
    public LessonStep {
        panes = List.copyOf(panes);
        highlights = List.copyOf(highlights);
    }
}
