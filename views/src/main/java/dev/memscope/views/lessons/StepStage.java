package dev.memscope.views.lessons;

import dev.memscope.emulator.api.Highlight;
import dev.memscope.views.common.HighlightTarget;
import dev.memscope.views.workbench.Dock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a step on the workbench: its panes to the front, its highlights on every pane (the others cleared). In
 * presenter mode only the step's panes (and the lessons panel) stay docked; leaving it restores what was shown.
 */
public final class StepStage {
    private final Dock dock;
    private final String lessonsPaneId;
    private Map<String, Boolean> shownBefore;
    private StepShown step;

    public StepStage(Dock dock, String lessonsPaneId) {
        this.dock = dock;
        this.lessonsPaneId = lessonsPaneId;
    }

    public void show(StepShown s) {
        step = s;
        List<Highlight> none = List.of();
        for (String id : dock.titles().keySet()) {
            HighlightTarget.of(dock.content(id)).ifPresent(t -> t.showHighlights(s.panes().contains(id)
                    ? s.highlights() : none));
        }
        if (shownBefore != null) {
            for (String id : dock.titles().keySet()) {
                dock.visibleProperty(id).set(id.equals(lessonsPaneId) || s.panes().contains(id));
            }
        }
        for (int i = s.panes().size() - 1; i >= 0; i--) {
            if (dock.titles().containsKey(s.panes().get(i))) {
                dock.select(s.panes().get(i));
            }
        }
        dock.select(lessonsPaneId);
    }

    /** Presenter mode on: remember what is shown, then show only the step's panes. */
    public void enterPresenter() {
        if (shownBefore == null) {
            shownBefore = new LinkedHashMap<>();
            for (String id : dock.titles().keySet()) {
                shownBefore.put(id, dock.visibleProperty(id).get());
            }
        }
        if (step != null) {
            show(step);
        } else {
            dock.titles().keySet().forEach(id -> dock.visibleProperty(id).set(id.equals(lessonsPaneId)));
        }
    }

    /** Presenter mode off: the panes shown before come back. */
    public void leavePresenter() {
        if (shownBefore != null) {
            shownBefore.forEach((id, shown) -> dock.visibleProperty(id).set(shown));
            shownBefore = null;
        }
        if (step != null) {
            show(step);
        }
    }
}
