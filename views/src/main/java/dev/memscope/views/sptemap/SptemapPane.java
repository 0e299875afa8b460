package dev.memscope.views.sptemap;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;

/** The SPTE map pane, ready to dock (wants the centre). */
public final class SptemapPane {
    public static final String ID = "sptemap-pane";
    public static final String TITLE = "SPTE map";

    private SptemapPane() {
    }

    public static DockPane create(MachineControl machine) {
        return new DockPane(ID, TITLE, new SptemapView(new SptemapViewModel(), machine), DockRegion.CENTER);
    }
}
