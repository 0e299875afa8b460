package dev.memscope.views.sptetree;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.common.Queries;
import dev.memscope.views.common.SnapshotFeed;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;

/** The factory of the TDP / shadow page tables pane. */
public final class SpteTreePane {
    public static final String ID = "sptetree-pane";
    public static final String TITLE = "SPTE tables";

    private SpteTreePane() {
    }

    /** A pane that follows the machine on its own while it is on screen (see {@link SnapshotFeed}). */
    public static DockPane create(MachineControl machine) {
        SpteTreeViewModel model = new SpteTreeViewModel(machine, new Queries(machine)::ask);
        SpteTreeView view = new SpteTreeView(model);
        view.getProperties().put(PaneModel.class, model);
        dev.memscope.views.common.HighlightTarget.install(view, model.highlightsProperty()::set);
        view.getProperties().put(SnapshotFeed.class, new SnapshotFeed(machine, view, model, model::setShowing));
        return new DockPane(ID, TITLE, view, DockRegion.CENTER);
    }
}
