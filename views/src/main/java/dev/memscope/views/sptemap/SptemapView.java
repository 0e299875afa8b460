package dev.memscope.views.sptemap;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.Query;
import dev.memscope.views.common.Legend;
import dev.memscope.views.common.Queries;
import dev.memscope.views.common.Breakpoints;
import dev.memscope.views.common.SnapshotFeed;
import dev.memscope.views.paint.MenuRequests;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

/**
 * The SPTE map pane: a region picker and zoom buttons, the heatmap, what the pointer is over, the legend and the
 * region's totals. It asks the machine for SPTE states through {@link Queries} only while it is showing.
 */
public final class SptemapView extends BorderPane {
    public static final String STYLE_VIEW = "sptemap-view";
    public static final String STYLE_CANVAS = "sptemap-canvas";
    public static final String STYLE_HOVER = "sptemap-hover";
    public static final String STYLE_SUMMARY = "sptemap-summary";
    public static final String STYLE_NOTICE = "sptemap-notice";

    private final SptemapViewModel model;
    private final MachineControl machine;
    private final Queries queries;
    private final SpteMapCanvas map;
    private final SnapshotFeed feed;
    private final ContextMenu menu = new ContextMenu();
    private final Subscription subscriptions;

    public SptemapView(SptemapViewModel model, MachineControl machine) {
        this.model = model;
        this.machine = machine;
        this.queries = new Queries(machine);
        setId("sptemap-pane");
        getStyleClass().add(STYLE_VIEW);
        getStylesheets().add(SptemapView.class.getResource("/dev/memscope/views/sptemap/sptemap.css")
                .toExternalForm());
        map = new SpteMapCanvas(model);

        ComboBox<MapRegion> picker = new ComboBox<>(model.regions());
        picker.setId("sptemap-region");
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.setPromptText("No region");
        picker.valueProperty().bindBidirectional(model.regionProperty());
        HBox.setHgrow(picker, Priority.ALWAYS);
        Button out = button("sptemap-zoom-out", "\u2212", "Zoom out (wheel down)", () -> zoom(-1));
        Button in = button("sptemap-zoom-in", "+", "Zoom in (wheel up)", () -> zoom(1));
        Button fit = button("sptemap-fit", "Fit", "Show the whole region", model::fit);
        Label level = new Label();
        level.setId("sptemap-level");
        level.getStyleClass().add("sptemap-level");
        level.textProperty().bind(model.zoomProperty().map(z -> ZoomLevel.LADDER.get(z.intValue()).describe()));
        for (Button b : new Button[] {out, in, fit}) {
            b.disableProperty().bind(model.noticeProperty().map(n -> model.canvasMessage() != null));
        }
        HBox bar = new HBox(6, new Label("Region"), picker, out, in, fit, level);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("sptemap-toolbar");

        Label hover = label("sptemap-hover", STYLE_HOVER);
        hover.textProperty().bind(model.hoverTextProperty().map(t -> t.isEmpty()
                ? "Point at a cell for its gfn and state; wheel zooms, drag scrolls, right-click to break on it."
                : t));
        Label summary = label("sptemap-summary", STYLE_SUMMARY);
        summary.textProperty().bind(model.summaryProperty());
        Label notice = label("sptemap-notice", STYLE_NOTICE);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        Legend legend = SptemapColours.legend();
        legend.setId("sptemap-legend");
        Label legendNote = label("sptemap-legend-note", "sptemap-legend-note");
        legendNote.setText("Zoomed out, a cell shows the most notable state of its gfns, in the legend's order.");

        setTop(bar);
        setCenter(map);
        setBottom(new VBox(2, hover, legend, legendNote, summary, notice));

        feed = new SnapshotFeed(machine, this, s -> {
            model.onSnapshot(s);
            ask();
        });
        dev.memscope.views.common.HighlightTarget.install(this, model.highlightsProperty()::set);
        subscriptions = Subscription.combine(
                feed.showingProperty().subscribe(this::ask),
                model.regionProperty().subscribe(this::ask),
                model.zoomProperty().subscribe(this::ask),
                model.topRowProperty().subscribe(this::ask),
                MenuRequests.install(map.canvas(), (x, y, sx, sy) -> showMenu(map.cellAt(x, y), sx, sy)));
    }

    private void zoom(int steps) {
        model.zoomBy(steps, map.getWidth() / 2 - map.left(), map.getHeight() / 2 - map.top());
    }

    /** Asks for the states in view if the model wants them (it knows whether the answer is already here). */
    private void ask() {
        Query.SpteMapRange q = model.nextQuery(feed != null && feed.showingProperty().get());
        if (q != null) {
            queries.ask(q, answer -> {
                model.accept(answer);
                ask();
            }, model::failed);
        }
    }

    private void showMenu(long[] cell, double screenX, double screenY) {
        menu.getItems().clear();
        if (cell == null) {
            return;
        }
        List<Breakpoint> offers = model.breakpointsFor(cell[0], cell[1]);
        Breakpoint.SpteChange spte = (Breakpoint.SpteChange) offers.get(0);
        Breakpoint.GpaRange range = (Breakpoint.GpaRange) offers.get(1);
        MenuItem a = new MenuItem(String.format("Break when the SPTE of gfn 0x%x changes", spte.gfn()));
        a.setId("sptemap-break-spte");
        a.setOnAction(e -> Breakpoints.add(machine, spte));
        MenuItem b = new MenuItem(String.format("Break when gpa 0x%x-0x%x is touched", range.start(), range.end()));
        b.setId("sptemap-break-range");
        b.setOnAction(e -> Breakpoints.add(machine, range));
        menu.getItems().setAll(a, b);
        menu.show(this, screenX, screenY);
    }

    public void dispose() {
        subscriptions.unsubscribe();
        map.dispose();
        feed.dispose();
    }

    public SpteMapCanvas map() {
        return map;
    }

    public SnapshotFeed feed() {
        return feed;
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
