package dev.memscope.views.holehits;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.HoleHits;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.views.common.Legend;
import dev.memscope.views.common.Breakpoints;
import dev.memscope.views.common.SnapshotFeed;
import dev.memscope.views.paint.MenuRequests;
import java.util.List;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

/**
 * The hole-hits pane: the totals and legend on top, the grid of buses and devices, and the functions of the selected
 * device in a table beside it. Right-click a cell or a row to break on config access to a function.
 */
public final class HoleHitsView extends BorderPane {
    public static final String STYLE_VIEW = "holehits-view";
    public static final String STYLE_GRID = "holehits-grid";
    public static final String STYLE_TABLE = "holehits-table";
    public static final String STYLE_NUMBER = "holehits-number";
    public static final String STYLE_SUMMARY = "holehits-summary";
    public static final String STYLE_NOTICE = "holehits-notice";
    public static final String STYLE_HOVER = "holehits-hover";
    public static final String STYLE_DETAIL_TITLE = "holehits-detail-title";

    private final HoleHitsViewModel model;
    private final MachineControl machine;
    private final HoleGrid grid;
    private final HoleHitsTable table;
    private final SnapshotFeed feed;
    private final ContextMenu menu = new ContextMenu();
    private final Subscription subscriptions;

    public HoleHitsView(HoleHitsViewModel model, MachineControl machine) {
        this.model = model;
        this.machine = machine;
        setId("holehits-pane");
        getStyleClass().add(STYLE_VIEW);
        getStylesheets().add(HoleHitsView.class.getResource("/dev/memscope/views/holehits/holehits.css")
                .toExternalForm());
        grid = new HoleGrid(model);
        table = new HoleHitsTable(model);

        Label summary = label("holehits-summary", STYLE_SUMMARY);
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        Legend legend = HoleHitsColours.legend();
        legend.setId("holehits-legend");
        Label notice = label("holehits-notice", STYLE_NOTICE);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        VBox top = new VBox(1, summary, legend, notice);
        top.getStyleClass().add("holehits-top");
        setTop(top);

        Label hover = label("holehits-hover", STYLE_HOVER);
        hover.textProperty().bind(model.hoverTextProperty().map(t -> t.isEmpty()
                ? "Point at a device for its accesses; click it for its functions; right-click to break on one." : t));
        VBox left = new VBox(2, grid, hover);
        VBox.setVgrow(grid, Priority.ALWAYS);
        Label title = label("holehits-detail-title", STYLE_DETAIL_TITLE);
        title.textProperty().bind(model.detailTitleProperty());
        VBox right = new VBox(2, title, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setId("holehits-split");
        split.setDividerPositions(0.61);
        setCenter(split);

        subscriptions = Subscription.combine(
                MenuRequests.install(grid.canvas(), (x, y, sx, sy) -> {
                    var key = grid.cellAt(x, y);
                    if (key != null) {
                        showMenu(model.breakpointsFor(key), sx, sy);
                    }
                }),
                MenuRequests.install(table, (x, y, sx, sy) -> {
                    HoleHits h = table.getSelectionModel().getSelectedItem();
                    if (h != null) {
                        showMenu(List.of(new Breakpoint.HoleHit(h.bus(), h.device(), h.function())), sx, sy);
                    }
                }));
        feed = new SnapshotFeed(machine, this, model);
    }

    private void showMenu(List<Breakpoint.HoleHit> offers, double screenX, double screenY) {
        menu.getItems().clear();
        for (Breakpoint.HoleHit b : offers) {
            MenuItem item = new MenuItem(String.format("Break on config access to %02x:%02x.%d", b.bus(),
                    b.device(), b.function()));
            item.setId(String.format("holehits-break-%02x-%02x-%d", b.bus(), b.device(), b.function()));
            item.setOnAction(e -> Breakpoints.add(machine, b));
            menu.getItems().add(item);
        }
        menu.show(this, screenX, screenY);
    }

    public void dispose() {
        subscriptions.unsubscribe();
        grid.dispose();
        feed.dispose();
    }

    public HoleGrid grid() {
        return grid;
    }

    public SnapshotFeed feed() {
        return feed;
    }

    private static Label label(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        return l;
    }
}
