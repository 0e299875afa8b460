package dev.memscope.views.cpu;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.common.Queries;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;

/**
 * The CPU pane's factory. The pane's content is a {@link CpuView}; its view model (a
 * {@link dev.memscope.views.common.PaneModel}) is {@code ((CpuView) pane.content()).model()}, also stored in the
 * content's properties under {@code PaneModel.class} for generic wiring.
 */
public final class CpuPane {
    public static final String ID = "cpu-pane";

    private CpuPane() {
    }

    public static DockPane create(MachineControl machine) {
        Queries queries = new Queries(machine);
        CpuViewModel model = new CpuViewModel(machine, queries::ask);
        return new DockPane(ID, "CPU", new CpuView(model), DockRegion.LEFT);
    }
}
