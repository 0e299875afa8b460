package dev.memscope.views.holehits;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;

/** The hole-hits pane, ready to dock (wants the bottom: the grid is 32 devices wide). */
public final class HoleHitsPane {
    public static final String ID = "holehits-pane";
    public static final String TITLE = "Hole hits";

    private HoleHitsPane() {
    }

    public static DockPane create(MachineControl machine) {
        return new DockPane(ID, TITLE, new HoleHitsView(new HoleHitsViewModel(), machine), DockRegion.BOTTOM);
    }
}
