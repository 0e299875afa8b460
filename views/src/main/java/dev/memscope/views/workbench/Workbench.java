package dev.memscope.views.workbench;

import java.io.File;
import java.util.Map;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.StepKind;
import javafx.scene.control.SeparatorMenuItem;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.StatusBar;

/**
 * The main window's layout: menu bar, toolbar (guest picker, Run, Pause, Step, Reset), the dock of panes, and the
 * status bar. Holds no state of its own: everything comes from the {@link WorkbenchViewModel}.
 */
public final class Workbench extends BorderPane {
    private final WorkbenchViewModel model;
    private final Dock dock = new Dock();
    private final Menu viewMenu = new Menu("_View");
    private final Menu machineMenu = new Menu("_Machine");
    private final Menu fileMenu = new Menu("_File");
    private final ToolBar toolBar = new ToolBar();

    public Workbench(WorkbenchViewModel model) {
        this.model = model;
        setId("workbench");
        getStyleClass().add("workbench");
        getStylesheets().add(Workbench.class.getResource("/dev/memscope/views/workbench/workbench.css")
                .toExternalForm());
        setTop(new VBox(menuBar(), buildToolBar()));
        setCenter(dock);
        setBottom(statusBar());
    }

    public Dock dock() {
        return dock;
    }

    public Menu fileMenu() {
        return fileMenu;
    }

    public Menu viewMenu() {
        return viewMenu;
    }

    public Menu machineMenu() {
        return machineMenu;
    }

    public ToolBar toolBar() {
        return toolBar;
    }

    /** Adds a pane to the dock and a check item for it to the View menu. */
    public void addPane(DockPane pane) {
        dock.add(pane);
        CheckMenuItem item = new CheckMenuItem(pane.title());
        item.setId("view-" + pane.id());
        item.selectedProperty().bindBidirectional(dock.visibleProperty(pane.id()));
        viewMenu.getItems().add(item);
    }

    public Map<String, String> paneTitles() {
        return dock.titles();
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("_Open guest ELF...");
        open.setId("menu-open-guest");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a guest image");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("ELF images", "*.elf"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.actions().openGuestFile(file.toPath());
            }
        });
        MenuItem quit = new MenuItem("_Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> getScene().getWindow().hide());
        fileMenu.getItems().addAll(open, quit);

        machineMenu.getItems().addAll(
                menuItem("menu-run", "_Run", new KeyCodeCombination(KeyCode.F5), model.canRunProperty(),
                        () -> model.actions().run()),
                menuItem("menu-pause", "_Pause", new KeyCodeCombination(KeyCode.F6), model.canPauseProperty(),
                        () -> model.actions().pause()),
                menuItem("menu-reset", "Rese_t", new KeyCodeCombination(KeyCode.F2), model.canResetProperty(),
                        () -> model.actions().reset()),
                new SeparatorMenuItem(),
                stepItem("menu-step", "_Step instruction", new KeyCodeCombination(KeyCode.F7), StepKind.INSTRUCTION),
                stepItem("menu-step-access", "Step _memory access",
                        new KeyCodeCombination(KeyCode.F7, KeyCombination.SHIFT_DOWN), StepKind.MEMORY_ACCESS),
                stepItem("menu-step-phase", "Step fault p_hase", new KeyCodeCombination(KeyCode.F8),
                        StepKind.FAULT_PHASE),
                stepItem("menu-next-fault", "Run to next page _fault",
                        new KeyCodeCombination(KeyCode.F8, KeyCombination.SHIFT_DOWN), StepKind.PAGE_FAULT),
                stepItem("menu-next-exit", "Run to next _exit to userspace", new KeyCodeCombination(KeyCode.F10),
                        StepKind.USERSPACE_EXIT),
                new SeparatorMenuItem(),
                menuItem("menu-prefault", "Pre-fault memory (KVM_PRE_FAULT_MEMORY)...",
                        new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        model.canStepProperty(), () -> model.actions().preFault()),
                menuItem("menu-dirty-on", "Dirty logging on for the RAM slot", null, model.canStepProperty(),
                        () -> model.actions().dirtyLogging(true)),
                menuItem("menu-dirty-off", "Dirty logging off for the RAM slot", null, model.canStepProperty(),
                        () -> model.actions().dirtyLogging(false)),
                menuItem("menu-dirty-pull", "Pull dirty log (KVM_GET_DIRTY_LOG)",
                        new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        model.canStepProperty(), () -> model.actions().pullDirtyLog()));

        Menu help = new Menu("_Help");
        MenuItem about = new MenuItem("_About Memscope");
        about.setOnAction(e -> model.statusProperty().set(
                "Memscope: a debugger and visualizer for KVM guest memory. JDK " + System.getProperty("java.version")));
        help.getItems().add(about);
        MenuBar bar = new MenuBar(fileMenu, machineMenu, viewMenu, help);
        bar.setId("menu-bar");
        return bar;
    }

    private MenuItem stepItem(String id, String text, KeyCombination key, StepKind kind) {
        return menuItem(id, text, key, model.canStepProperty(), () -> model.actions().step(kind));
    }

    private static MenuItem menuItem(String id, String text, KeyCombination key,
            javafx.beans.value.ObservableBooleanValue enabled, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (key != null) {
            item.setAccelerator(key);
        }
        item.disableProperty().bind(javafx.beans.binding.Bindings.not(enabled));
        item.setOnAction(e -> action.run());
        return item;
    }

    private ToolBar buildToolBar() {
        ComboBox<GuestChoice> picker = new ComboBox<>(model.guests());
        picker.setId("guest-picker");
        picker.setPromptText("Choose a guest");
        picker.setPrefWidth(150);
        picker.valueProperty().bindBidirectional(model.selectedGuestProperty());
        picker.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(GuestChoice item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + "  \u2014  " + item.description());
            }
        });
        Label guestLabel = new Label("Guest");
        toolBar.setId("tool-bar");
        ComboBox<HoleVariant> variant = new ComboBox<>(FXCollections.observableArrayList(HoleVariant.values()));
        variant.setId("variant-picker");
        variant.valueProperty().bindBidirectional(model.variantProperty());
        variant.setTooltip(new Tooltip("How the VMM serves the PCI hole (switches live at a stop)"));
        ComboBox<MmuMode> mmu = new ComboBox<>(FXCollections.observableArrayList(MmuMode.values()));
        mmu.setId("mmu-picker");
        mmu.valueProperty().bindBidirectional(model.mmuProperty());
        mmu.setTooltip(new Tooltip("KVM's MMU: TDP, legacy direct, or shadow paging (restarts the guest)"));
        ComboBox<String> backend = new ComboBox<>(model.backends());
        backend.setId("backend-picker");
        backend.valueProperty().bindBidirectional(model.backendProperty());
        backend.setTooltip(new Tooltip("sim: the Java emulator and KVM model; kvm: this machine's /dev/kvm"));
        ComboBox<String> prefetch = new ComboBox<>(model.prefetchPolicies());
        prefetch.setId("prefetch-picker");
        prefetch.valueProperty().bindBidirectional(model.prefetchPolicyProperty());
        prefetch.setTooltip(new Tooltip("ALLONES prefetch policy: the kernel's 8-entry window, the RFC's whole slot, "
                + "the review's 2 MiB bound, or none"));
        toolBar.getItems().addAll(guestLabel, picker, new Label("Backend"), backend, new Label("Hole"), variant,
                new Label("MMU"), mmu, new Label("Prefetch"), prefetch, new Separator(),
                button("btn-run", "\u25B6 Run", "Run (F5)", model.canRunProperty(), () -> model.actions().run()),
                button("btn-pause", "\u25AE\u25AE Pause", "Pause (F6)", model.canPauseProperty(),
                        () -> model.actions().pause()),
                button("btn-step", "\u21B7 Step", "Step one instruction (F7)", model.canStepProperty(),
                        () -> model.actions().step()),
                button("btn-reset", "\u21BA Reset", "Reset to the guest's entry (F2)", model.canResetProperty(),
                        () -> model.actions().reset()));
        return toolBar;
    }

    private static Button button(String id, String text, String tip,
            javafx.beans.value.ObservableBooleanValue enabled, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.disableProperty().bind(javafx.beans.binding.Bindings.not(enabled));
        b.setOnAction(e -> action.run());
        return b;
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.textProperty().bind(model.statusProperty());
        Label state = new Label();
        state.setId("machine-state");
        state.textProperty().bind(model.machineStateProperty());
        bar.getRightItems().add(state);
        return bar;
    }
}
