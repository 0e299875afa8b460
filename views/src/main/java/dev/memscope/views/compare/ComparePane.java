package dev.memscope.views.compare;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;
import javafx.application.Platform;

/**
 * The Compare pane's factory. The app passes the {@link CompareRunner} that runs the guest under each variant off the
 * JavaFX thread. The content is a {@link CompareView}; its view model ({@code onSnapshot} only) is
 * {@code ((CompareView) pane.content()).model()}, also in the content's properties under {@code PaneModel.class}.
 */
public final class ComparePane {
    public static final String ID = "compare-pane";

    private ComparePane() {
    }

    /** {@code machine} is not read yet: the table comes from {@code runner}; it is taken for symmetry and later use. */
    public static DockPane create(MachineControl machine, CompareRunner runner) {
        CompareViewModel model = new CompareViewModel(runner, Platform::runLater);
        return new DockPane(ID, "Compare", new CompareView(model), DockRegion.CENTER);
    }
}
