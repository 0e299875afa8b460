package dev.memscope.views.prefetch;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.panekit.FaultFocus;
import dev.memscope.views.common.SnapshotFeed;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;

/** The factory of the Prefetch decisions pane. */
public final class PrefetchPane {
    public static final String ID = "prefetch-pane";
    public static final String TITLE = "Prefetch";

    private PrefetchPane() {
    }

    /** A pane with its own fault focus; per-candidate windows come from the machine if it serves them. */
    public static DockPane create(MachineControl machine) {
        return create(machine, new FaultFocus(), WindowSource.of(machine));
    }

    /** A pane that follows the fault picked in the Fault stepper created with the same {@code focus}. */
    public static DockPane create(MachineControl machine, FaultFocus focus) {
        return create(machine, focus, WindowSource.of(machine));
    }

    public static DockPane create(MachineControl machine, FaultFocus focus, WindowSource windows) {
        PrefetchViewModel model = new PrefetchViewModel(machine, windows, focus);
        PrefetchView view = new PrefetchView(model);
        view.getProperties().put(PaneModel.class, model);
        dev.memscope.views.common.HighlightTarget.install(view, model.highlightsProperty()::set);
        view.getProperties().put(SnapshotFeed.class, new SnapshotFeed(machine, view, model, model::setShowing));
        return new DockPane(ID, TITLE, view, DockRegion.BOTTOM);
    }
}
