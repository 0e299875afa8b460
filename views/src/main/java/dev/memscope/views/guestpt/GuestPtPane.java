package dev.memscope.views.guestpt;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.common.Queries;
import dev.memscope.views.common.SnapshotFeed;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;

/** The factory of the guest page-table pane. */
public final class GuestPtPane {
    public static final String ID = "guestpt-pane";
    public static final String TITLE = "Guest page tables";

    private GuestPtPane() {
    }

    /** A pane that follows the machine on its own while it is on screen (see {@link SnapshotFeed}). */
    public static DockPane create(MachineControl machine) {
        GuestPtViewModel model = new GuestPtViewModel(machine, new Queries(machine)::ask,
                new Queries(machine)::ask);
        GuestPtView view = new GuestPtView(model);
        view.getProperties().put(PaneModel.class, model);
        view.getProperties().put(SnapshotFeed.class, new SnapshotFeed(machine, view, model, model::setShowing));
        return new DockPane(ID, TITLE, view, DockRegion.RIGHT);
    }
}
