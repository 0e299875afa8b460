package dev.memscope.app.gui;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestEntry;
import dev.memscope.app.catalog.GuestSource;
import dev.memscope.app.lessons.LessonsController;
import dev.memscope.app.wiring.Backends;
import dev.memscope.app.gui.report.ReportMenus;
import dev.memscope.app.wiring.Setups;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.emulator.session.Machine;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.Vmm;
import dev.memscope.views.breakpoints.BreakpointsPane;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.prefault.PreFaultDialog;
import dev.memscope.views.prefault.PreFaultViewModel;
import javafx.application.Platform;
import dev.memscope.views.compare.ComparePane;
import dev.memscope.views.console.ConsoleView;
import dev.memscope.views.cpu.CpuPane;
import dev.memscope.views.faults.FaultsPane;
import dev.memscope.views.guestpt.GuestPtPane;
import dev.memscope.views.panekit.FaultFocus;
import dev.memscope.views.prefetch.PrefetchPane;
import dev.memscope.views.sptetree.SpteTreePane;
import dev.memscope.views.events.EventsPane;
import dev.memscope.views.holehits.HoleHitsPane;
import dev.memscope.views.memslots.MemslotsPane;
import dev.memscope.views.sptemap.SptemapPane;
import dev.memscope.views.console.ConsoleViewModel;
import dev.memscope.views.guest.GuestInfoView;
import dev.memscope.views.guest.GuestInfoViewModel;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;
import dev.memscope.views.workbench.GuestChoice;
import dev.memscope.views.workbench.Workbench;
import dev.memscope.views.workbench.WorkbenchActions;
import dev.memscope.views.workbench.WorkbenchViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Wires the main window: the workbench, its panes, and the machine behind them. */
public final class MainWindow {
    private final WorkbenchViewModel model = new WorkbenchViewModel();
    private final ConsoleViewModel console = new ConsoleViewModel();
    private final GuestInfoViewModel guestInfo = new GuestInfoViewModel();
    private final Workbench workbench;
    private final Machine machine;
    private final GuestCatalog catalog;
    private final SnapshotPump pump;
    private GuestSource currentGuest;
    private String currentScenario = "none";
    private volatile SessionSetup currentSetup;
    /** A load this window asked for (or adopted) that no snapshot has shown yet: until then, do not follow. */
    private SessionSetup expectedLoad;
    private final LessonsController lessons;
    /** True while a session's setup is shown in the toolbar: its changes must not reload the guest. */
    private boolean adopting;

    public MainWindow(GuestCatalog catalog, Machine machine) {
        this.catalog = catalog;
        this.machine = machine;
        workbench = new Workbench(model);
        workbench.addPane(new DockPane("guest-pane", "Guest", new GuestInfoView(guestInfo), DockRegion.CENTER));
        pump = new SnapshotPump(machine);
        FaultFocus faultFocus = new FaultFocus();
        add(CpuPane.create(machine));
        add(MemslotsPane.create(machine));
        add(SptemapPane.create(machine));
        add(SpteTreePane.create(machine));
        add(ComparePane.create(machine, new AppCompareRunner(() -> currentSetup)));
        add(FaultsPane.create(machine, faultFocus));
        add(GuestPtPane.create(machine));
        add(new DockPane("console-pane", "Console", new ConsoleView(console), DockRegion.BOTTOM));
        add(EventsPane.create(machine));
        add(HoleHitsPane.create(machine));
        add(PrefetchPane.create(machine, faultFocus));
        add(BreakpointsPane.create(machine));
        for (GuestEntry g : catalog.guests()) {
            model.guests().add(new GuestChoice(g.name(), g.description()));
        }
        pump.addListener(this::show);
        lessons = LessonsController.install(workbench, catalog, machine, new Backends());
        model.setActions(new Actions());
        if (!model.guests().isEmpty()) {
            model.selectedGuestProperty().set(model.guests().get(0));
        }
        pump.start();
        ReportMenus.install(this);
    }

    /** Docks a pane; panes whose content carries a PaneModel are fed snapshots and events by the pump. */
    private void add(DockPane pane) {
        workbench.addPane(pane);
        if (pane.content().getProperties().get(PaneModel.class) instanceof PaneModel model) {
            pump.addListener(model::onSnapshot);
            pump.addEventListener(model::onEvents);
        }
    }

    private final class Actions implements WorkbenchActions {
        @Override
        public void guestSelected(GuestChoice guest) {
            catalog.find(guest.name()).ifPresent(entry -> {
                showGuestInfo(entry);
                if (adopting) {
                    return;
                }
                try {
                    load(GuestSource.resolve(entry.name(), catalog), entry.scenario());
                } catch (GuestSource.NotFoundException e) {
                    model.statusProperty().set(e.getMessage());
                }
            });
        }

        @Override
        public void openGuestFile(Path file) {
            try {
                GuestSource source = new GuestSource(file.getFileName().toString(), file.toAbsolutePath().toString(),
                        Files.readAllBytes(file));
                guestInfo.show(source.name(), "A guest image opened from " + source.origin(), "", "", "");
                load(source, "none");
            } catch (IOException e) {
                model.statusProperty().set("Cannot read " + file + ": " + e.getMessage());
            }
        }

        @Override
        public void variantChanged(dev.memscope.emulator.api.HoleVariant variant) {
            if (adopting) {
                return;
            }
            RunState state = machine.snapshot().state();
            if (state == RunState.READY || state == RunState.STOPPED) {
                machine.switchVariant(variant); // live, at this stop: the VMM swaps the hole's memslots
            } else if (currentGuest != null) {
                load(currentGuest, currentScenario);
            }
        }

        @Override
        public void setupChanged() {
            if (!adopting && currentGuest != null) {
                load(currentGuest, currentScenario);
            }
        }

        @Override
        public void run() {
            machine.run();
        }

        @Override
        public void pause() {
            machine.pause();
        }

        @Override
        public void step(StepKind kind) {
            if (machine.canStep(kind)) {
                machine.step(kind);
            } else {
                model.statusProperty().set(kind.label() + " needs the simulated backend: the real kernel cannot stop "
                        + "inside a fault or an instruction");
            }
        }

        @Override
        public void preFault() {
            PreFaultDialog dialog = new PreFaultDialog(new PreFaultViewModel(machine));
            dialog.initOwner(workbench.getScene().getWindow());
            dialog.show();
        }

        @Override
        public void dirtyLogging(boolean on) {
            machine.setDirtyLogging(Vmm.RAM_SLOT, on).whenComplete((r, e) -> Platform.runLater(() -> {
                if (e != null) {
                    model.statusProperty().set((e.getCause() != null ? e.getCause() : e).getMessage());
                }
            }));
        }

        @Override
        public void pullDirtyLog() {
            machine.pullDirtyLog(Vmm.RAM_SLOT).whenComplete((p, e) -> Platform.runLater(() -> {
                if (e != null) {
                    model.statusProperty().set((e.getCause() != null ? e.getCause() : e).getMessage());
                    return;
                }
                model.statusProperty().set(DirtyLogText.summary(p));
            }));
        }

        @Override
        public void reset() {
            console.clear();
            machine.reset();
        }
    }

    private void showGuestInfo(GuestEntry entry) {
        String sourceName = entry.sources().isEmpty() ? "" : entry.sources().get(0);
        guestInfo.show(entry.name(), entry.description(), entry.demonstrates(), sourceName,
                catalog.source(sourceName).orElse("(no source in the catalog)"));
    }

    /**
     * Makes {@code setup} of {@code guest} the window's current session and shows it in the toolbar, without loading
     * it: whoever calls this loads the machine (a session's replay). On the JavaFX thread.
     */
    public void adopt(GuestSource guest, SessionSetup setup) {
        expectedLoad = setup;
        adopting = true;
        try {
            currentGuest = guest;
            currentScenario = setup.scenario().cliName();
            currentSetup = setup;
            console.clear();
            model.backendProperty().set(setup.backend());
            model.variantProperty().set(setup.variant());
            model.mmuProperty().set(setup.mmu());
            model.prefetchPolicyProperty().set(setup.prefetchPolicy());
            GuestChoice choice = model.guests().stream().filter(g -> guest.fromCatalog() && g.name()
                    .equals(guest.name())).findFirst().orElse(null);
            model.selectedGuestProperty().set(choice);
            if (choice == null) {
                guestInfo.show(guest.name(), "A guest image opened from " + guest.origin(), "", "", "");
            }
        } finally {
            adopting = false;
        }
    }

    public Machine machine() {
        return machine;
    }

    public GuestCatalog catalog() {
        return catalog;
    }

    /** The guest the window's machine was last loaded with, or null. */
    public GuestSource guest() {
        return currentGuest;
    }

    /** The setup the window's machine was last loaded with (before any live variant switch), or null. */
    public SessionSetup loadedSetup() {
        return currentSetup;
    }

    /** Delivers the newest snapshot and the events since the last frame to every pane now (JavaFX thread). */
    public void refreshNow() {
        pump.pump();
        pump.drainEvents();
    }

    private void load(GuestSource source, String scenario) {
        currentGuest = source;
        currentScenario = scenario;
        try {
            console.clear();
            currentSetup = Setups.forGuest(source, scenario).withBackend(model.backendProperty().get())
                    .withVariant(model.variantProperty().get()).withMmu(model.mmuProperty().get())
                    .withPrefetchPolicy(model.prefetchPolicyProperty().get());
            expectedLoad = currentSetup;
            machine.load(currentSetup);
        } catch (Exception e) {
            model.statusProperty().set("Cannot load " + source.name() + ": " + e.getMessage());
            model.machineStateProperty().set("Not loaded");
        }
    }

    /** Updates every pane from a new snapshot (on the JavaFX thread). */
    void show(MachineSnapshot s) {
        followMachineSetup(s.setup());
        RunState state = s.state();
        boolean stopped = state == RunState.READY || state == RunState.STOPPED;
        model.canRunProperty().set(stopped);
        model.canPauseProperty().set(state == RunState.RUNNING);
        model.canStepProperty().set(stopped && machine.canStep(StepKind.INSTRUCTION));
        model.canResetProperty().set(s.setup() != null);
        console.update(s.consoleLength(), s.consoleTail());
        StringBuilder line = new StringBuilder(state.name());
        if (s.cpu() != null) {
            line.append(String.format("  rip 0x%x", s.cpu().rip()));
        }
        if (s.instructions() >= 0) {
            line.append(String.format("  %,d instructions", s.instructions()));
        }
        if (s.exitCode() != null) {
            line.append("  exit code ").append(s.exitCode());
        }
        model.machineStateProperty().set(line.toString());
        if (!s.stopReason().isEmpty()) {
            model.statusProperty().set(s.setup() == null ? s.stopReason() : s.setup().guest() + ": " + s.stopReason());
        }
    }

    /**
     * Keeps the toolbar true to what the machine runs when something else loaded it (a lesson, a session): the machine
     * is the truth, and adopting its setup does not reload it. Only catalog guests can be adopted this way.
     */
    private void followMachineSetup(MachineSnapshot.Setup running) {
        if (running == null || adopting) {
            return;
        }
        if (expectedLoad != null) {
            if (runs(running, expectedLoad)) {
                expectedLoad = null; // our own load has arrived
            }
            return; // older snapshots still show what ran before it
        }
        SessionSetup shown = currentSetup;
        if (shown != null && runs(running, shown)) {
            return;
        }
        catalog.find(running.guest()).ifPresent(entry -> {
            try {
                GuestSource source = GuestSource.resolve(entry.name(), catalog);
                adopt(source, Setups.forGuest(source, entry.scenario()).withBackend(running.backend())
                        .withVariant(running.variant()).withMmu(running.mmu())
                        .withPrefetchPolicy(running.prefetchPolicy()));
                String sourceName = entry.sources().isEmpty() ? "" : entry.sources().get(0);
                guestInfo.show(entry.name(), entry.description(), entry.demonstrates(), sourceName,
                        catalog.source(sourceName).orElse(""));
            } catch (Exception e) {
                model.statusProperty().set("cannot show the running setup: " + e.getMessage());
            }
        });
    }

    private static boolean runs(MachineSnapshot.Setup running, SessionSetup setup) {
        return running.imageSha256().equals(setup.image().sha256()) && running.variant() == setup.variant()
                && running.mmu() == setup.mmu() && running.backend().equals(setup.backend())
                && running.prefetchPolicy().equals(setup.prefetchPolicy());
    }

    /** For tests: deliver the newest snapshot now rather than at the next frame. */
    boolean pumpNow() {
        return pump.pump();
    }

    public Workbench root() {
        return workbench;
    }

    public WorkbenchViewModel model() {
        return model;
    }

    public void stop() {
        lessons.close();
        pump.stop();
    }
}
