package dev.memscope.views.events;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;

/**
 * The event log pane's factory. Its content is an {@link EventLogView}; the view model, a
 * {@link dev.memscope.views.common.PaneModel} that wants both {@code onSnapshot} and {@code onEvents}, is
 * {@code ((EventLogView) pane.content()).model()}, also in the content's properties under {@code PaneModel.class}.
 */
public final class EventsPane {
    public static final String ID = "events-pane";

    private EventsPane() {
    }

    public static DockPane create(MachineControl machine) {
        return new DockPane(ID, "Event log", new EventLogView(new EventLogViewModel(machine)), DockRegion.BOTTOM);
    }
}
