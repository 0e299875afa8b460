package dev.memscope.app.gui;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestEntry;
import dev.memscope.views.console.ConsoleView;
import dev.memscope.views.console.ConsoleViewModel;
import dev.memscope.views.guest.GuestInfoView;
import dev.memscope.views.guest.GuestInfoViewModel;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;
import dev.memscope.views.workbench.GuestChoice;
import dev.memscope.views.workbench.Workbench;
import dev.memscope.views.workbench.WorkbenchActions;
import dev.memscope.views.workbench.WorkbenchViewModel;
import java.nio.file.Path;

/** Wires the main window: the workbench, its panes, and the machine behind them. */
public final class MainWindow {
    private final WorkbenchViewModel model = new WorkbenchViewModel();
    private final ConsoleViewModel console = new ConsoleViewModel();
    private final GuestInfoViewModel guestInfo = new GuestInfoViewModel();
    private final Workbench workbench;

    public MainWindow(GuestCatalog catalog) {
        workbench = new Workbench(model);
        workbench.addPane(new DockPane("guest-pane", "Guest", new GuestInfoView(guestInfo), DockRegion.CENTER));
        workbench.addPane(new DockPane("console-pane", "Console", new ConsoleView(console), DockRegion.BOTTOM));
        for (GuestEntry g : catalog.guests()) {
            model.guests().add(new GuestChoice(g.name(), g.description()));
        }
        model.setActions(new WorkbenchActions() {
            @Override
            public void guestSelected(GuestChoice guest) {
                model.statusProperty().set(guest.name() + ": " + guest.description());
                catalog.find(guest.name()).ifPresent(entry -> {
                    String sourceName = entry.sources().isEmpty() ? "" : entry.sources().get(0);
                    guestInfo.show(entry.name(), entry.description(), entry.demonstrates(), sourceName,
                            catalog.source(sourceName).orElse("(no source in the catalog)"));
                });
                model.machineStateProperty().set("Not started");
                model.canRunProperty().set(true);
                model.canStepProperty().set(true);
            }

            @Override
            public void run() {
                notYet();
            }

            @Override
            public void step() {
                notYet();
            }

            @Override
            public void openGuestFile(Path file) {
                model.statusProperty().set("Opened " + file.getFileName() + "; " + NOT_YET);
            }
        });
        if (!model.guests().isEmpty()) {
            model.selectedGuestProperty().set(model.guests().get(0));
        }
    }

    private static final String NOT_YET = "the simulated machine is not built yet in this version (issues 3 and 4): "
            + "nothing ran";

    private void notYet() {
        model.statusProperty().set("Cannot run: " + NOT_YET);
    }

    public Workbench root() {
        return workbench;
    }

    public WorkbenchViewModel model() {
        return model;
    }
}
