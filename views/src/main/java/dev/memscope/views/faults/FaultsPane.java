package dev.memscope.views.faults;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.panekit.FaultFocus;
import dev.memscope.views.common.SnapshotFeed;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;

/** The factory of the fault stepper pane. */
public final class FaultsPane {
    public static final String ID = "faults-pane";
    public static final String TITLE = "Fault stepper";

    private FaultsPane() {
    }

    /** A pane with its own fault focus. */
    public static DockPane create(MachineControl machine) {
        return create(machine, new FaultFocus());
    }

    /** A pane sharing {@code focus} with other panes (the Prefetch pane follows the fault picked here). */
    public static DockPane create(MachineControl machine, FaultFocus focus) {
        FaultsViewModel model = new FaultsViewModel(machine, focus);
        FaultsView view = new FaultsView(model);
        view.getProperties().put(PaneModel.class, model);
        dev.memscope.views.common.HighlightTarget.install(view, model.highlightsProperty()::set);
        view.getProperties().put(SnapshotFeed.class, new SnapshotFeed(machine, view, model, showing -> {
        }));
        return new DockPane(ID, TITLE, view, DockRegion.RIGHT);
    }
}
