package dev.memscope.views.breakpoints;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;

/** The breakpoints pane, docked at the bottom; the app feeds its model with snapshots. */
public final class BreakpointsPane {
    public static final String ID = "breakpoints-pane";

    private BreakpointsPane() {
    }

    public static DockPane create(MachineControl machine) {
        return new DockPane(ID, "Breakpoints", new BreakpointsView(new BreakpointsViewModel(machine)),
                DockRegion.BOTTOM);
    }
}
