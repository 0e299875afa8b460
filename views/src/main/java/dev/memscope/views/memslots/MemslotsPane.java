package dev.memscope.views.memslots;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;

/** The memslot layout pane, ready to dock (wants the centre: the table needs the width). */
public final class MemslotsPane {
    public static final String ID = "memslots-pane";
    public static final String TITLE = "Memslots";

    private MemslotsPane() {
    }

    public static DockPane create(MachineControl machine) {
        return new DockPane(ID, TITLE, new MemslotsView(new MemslotsViewModel(), machine), DockRegion.CENTER);
    }
}
