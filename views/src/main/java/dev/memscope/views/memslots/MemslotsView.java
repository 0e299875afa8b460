package dev.memscope.views.memslots;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.views.common.HighlightTarget;
import dev.memscope.views.common.Breakpoints;
import dev.memscope.views.common.SnapshotFeed;
import dev.memscope.views.gpa.EcamWindow;
import dev.memscope.views.gpa.SlotKind;
import dev.memscope.views.paint.MenuRequests;
import java.util.EnumSet;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

/**
 * The memslot layout pane: a toolbar (scale, zoom), the band, what the pointer is over, the legend, the last change,
 * and the table. Fed by its own {@link SnapshotFeed}.
 */
public final class MemslotsView extends BorderPane {
    public static final String STYLE_VIEW = "memslots-view";
    public static final String STYLE_BAND = "memslots-band";
    public static final String STYLE_TABLE = "memslots-table";
    public static final String STYLE_HOVER = "memslots-hover";
    public static final String STYLE_CHANGE = "memslots-change";
    public static final String STYLE_NOTICE = "memslots-notice";
    public static final String STYLE_ROW_CHANGED = "memslot-row-changed";
    public static final String STYLE_ROW_DELETED = "memslot-row-deleted";
    public static final String STYLE_CHANGE_MARK = "memslot-change-mark";
    public static final String STYLE_NUMBER = "memslot-number";

    private final MemslotsViewModel model;
    private final MachineControl machine;
    private final MemslotBand band;
    private final MemslotTable table;
    private final SnapshotFeed feed;
    private final StackPane legendHolder = new StackPane();
    private final ContextMenu menu = new ContextMenu();
    private final Subscription subscriptions;
    private Set<SlotKind> legendKinds;

    public MemslotsView(MemslotsViewModel model, MachineControl machine) {
        this.model = model;
        this.machine = machine;
        setId("memslots-pane");
        getStyleClass().add(STYLE_VIEW);
        getStylesheets().add(MemslotsView.class.getResource("/dev/memscope/views/memslots/memslots.css")
                .toExternalForm());
        band = new MemslotBand(model);
        table = new MemslotTable(model);

        Label hover = label("memslots-hover", STYLE_HOVER);
        hover.textProperty().bind(model.hoverTextProperty().map(t -> t.isEmpty()
                ? "Point at the band to decode an address; wheel zooms, drag pans, double-click a slot to zoom to it."
                : t));
        Label change = label("memslots-change", STYLE_CHANGE);
        change.textProperty().bind(model.changeTextProperty());
        change.visibleProperty().bind(model.changeTextProperty().isNotEmpty());
        change.managedProperty().bind(change.visibleProperty());
        Label notice = label("memslots-notice", STYLE_NOTICE);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        VBox top = new VBox(toolbar(), band, hover, legendHolder, change, notice);
        top.getStyleClass().add("memslots-top");
        setTop(top);
        setCenter(table);
        BorderPane.setMargin(table, new Insets(4, 0, 0, 0));

        Subscription bandMenu = MenuRequests.install(band.canvas(),
                (x, y, sx, sy) -> showMenu(band.slotAt(x, y), sx, sy));
        Subscription tableMenu = MenuRequests.install(table, (x, y, sx, sy) -> {
            MemslotRow row = table.getSelectionModel().getSelectedItem();
            showMenu(row == null || row.deleted() ? null : row.slot(), sx, sy);
        });
        table.setOnMouseClicked(e -> {
            MemslotRow row = table.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && row != null) {
                model.viewport().show(row.slot().gpaStart(), row.slot().gpaEnd());
            }
        });
        subscriptions = Subscription.combine(model.layoutProperty().subscribe(this::updateLegend), bandMenu,
                tableMenu);
        feed = new SnapshotFeed(machine, this, model);
        HighlightTarget.install(this, model.highlightsProperty()::set);
    }

    public void dispose() {
        subscriptions.unsubscribe();
        band.dispose();
        table.dispose();
        feed.dispose();
    }

    public SnapshotFeed feed() {
        return feed;
    }

    public MemslotBand band() {
        return band;
    }

    public ContextMenu contextMenu() {
        return menu;
    }

    private HBox toolbar() {
        ToggleGroup scale = new ToggleGroup();
        ToggleButton linear = new ToggleButton("Linear");
        linear.setId("memslots-linear");
        ToggleButton log = new ToggleButton("Log");
        log.setId("memslots-log");
        linear.setToggleGroup(scale);
        log.setToggleGroup(scale);
        linear.setSelected(model.viewport().scaleProperty().get() == BandScale.LINEAR);
        log.setSelected(!linear.isSelected());
        linear.setTooltip(new Tooltip("Linear scale: every byte the same width"));
        log.setTooltip(new Tooltip("Log scale: every doubling of the address the same width"));
        scale.selectedToggleProperty().addListener((obs, was, is) -> {
            if (is == null) {
                was.setSelected(true); // one of the two is always on
            } else {
                model.viewport().scaleProperty().set(is == log ? BandScale.LOG : BandScale.LINEAR);
            }
        });
        HBox scaleBox = new HBox(0, linear, log);
        scaleBox.getStyleClass().add("memslots-scale");
        Button fit = button("memslots-fit", "Whole", "Show the whole GPA space", () -> model.viewport().fit());
        Button ram = button("memslots-zoom-ram", "RAM", "Zoom to the guest's RAM", () -> {
            if (model.space().ramBytes() > 0) {
                model.viewport().show(0, model.space().ramBytes());
            }
        });
        Button ecam = button("memslots-zoom-ecam", "ECAM", "Zoom to the ECAM window", () -> {
            EcamWindow w = model.space().ecam();
            if (w != null) {
                model.viewport().show(w.base(), w.end());
            }
        });
        Button in = button("memslots-zoom-in", "+", "Zoom in", () -> model.viewport().zoom(2, 0.5));
        Button out = button("memslots-zoom-out", "\u2212", "Zoom out", () -> model.viewport().zoom(0.5, 0.5));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label gen = label("memslots-generation", "memslots-generation");
        gen.textProperty().bind(model.generationTextProperty());
        HBox bar = new HBox(6, new Label("Scale"), scaleBox, fit, ram, ecam, out, in, spacer, gen);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("memslots-toolbar");
        return bar;
    }

    private void showMenu(MemslotInfo slot, double screenX, double screenY) {
        menu.getItems().clear();
        MenuItem brk = new MenuItem("Break when a memslot changes");
        brk.setId("memslots-break-change");
        brk.setOnAction(e -> Breakpoints.add(machine, new Breakpoint.MemslotChange()));
        menu.getItems().add(brk);
        menu.getItems().add(new SeparatorMenuItem());
        if (slot != null) {
            MenuItem zoom = new MenuItem("Zoom to slot " + slot.id());
            zoom.setId("memslots-zoom-slot");
            zoom.setOnAction(e -> model.viewport().show(slot.gpaStart(), slot.gpaEnd()));
            menu.getItems().add(zoom);
        }
        MenuItem whole = new MenuItem("Show the whole GPA space");
        whole.setOnAction(e -> model.viewport().fit());
        menu.getItems().add(whole);
        menu.show(this, screenX, screenY);
    }

    private void updateLegend() {
        Set<SlotKind> kinds = EnumSet.noneOf(SlotKind.class);
        for (MemslotRow r : model.rows()) {
            kinds.add(r.kind());
        }
        if (!kinds.equals(legendKinds)) {
            legendKinds = kinds;
            var legend = MemslotColours.legend(kinds);
            legend.setId("memslots-legend");
            legendHolder.getChildren().setAll(legend);
        }
    }

    private static Label label(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }
}
