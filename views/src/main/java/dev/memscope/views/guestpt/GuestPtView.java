package dev.memscope.views.guestpt;

import dev.memscope.emulator.api.GuestWalk;
import dev.memscope.views.common.Hex;
import dev.memscope.views.common.LazyTreeItem;
import dev.memscope.views.common.Legend;
import dev.memscope.views.common.SnapshotFeed;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The guest's page tables from CR3, entries decoded, A/D bits that changed since the previous stop highlighted; below,
 * the walk of one gva level by level.
 */
public final class GuestPtView extends BorderPane {
    public static final String STYLE_CLASS = "guestpt-view";
    public static final String ROW_CLASS = "guestpt-row";
    public static final String TOOLTIP_CLASS = "guestpt-tooltip";
    public static final String MONO_CLASS = "guestpt-mono";
    public static final String FLAGS_CLASS = "guestpt-flags";
    public static final String FLAG_CLASS = "guestpt-flag";
    public static final String FLAGS_CELL_CLASS = "guestpt-flags-cell";
    public static final String FLAG_CHANGED_CLASS = "guestpt-flag-changed";
    public static final String FLAG_CLEARED_CLASS = "guestpt-flag-cleared";
    public static final String BAR_CLASS = "guestpt-bar";
    public static final String STATUS_CLASS = "guestpt-status";
    public static final String MESSAGE_CLASS = "guestpt-message";
    public static final String WALK_CLASS = "guestpt-walk-box";
    public static final String WALK_DECODED_CLASS = "guestpt-walk-decoded";
    public static final String WALK_RESULT_CLASS = "guestpt-walk-result";

    private final GuestPtViewModel model;
    private final TreeTableView<GuestPtRow> table = new TreeTableView<>();
    private final CheckBox showEmpty = new CheckBox("Show not-present entries");
    private final TextField gva = new TextField();
    private final ChangeListener<GuestPtForest> forestListener = (obs, was, is) -> rebuild(is, true);
    private final ChangeListener<Boolean> showEmptyListener = (obs, was, is) -> rebuild(forest(), false);

    public GuestPtView(GuestPtViewModel model) {
        this.model = model;
        getStylesheets().add(GuestPtView.class.getResource("/dev/memscope/views/guestpt/guestpt.css")
                .toExternalForm());
        getStyleClass().add(STYLE_CLASS);
        setTop(bar());
        SplitPane split = new SplitPane(tree(), walkBox());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
        Legend legend = legend();
        legend.visibleProperty().bind(model.messageProperty().isEmpty());
        legend.managedProperty().bind(legend.visibleProperty());
        setBottom(legend);
        model.forestProperty().addListener(forestListener);
        model.showEmptyProperty().addListener(showEmptyListener);
        rebuild(forest(), true);
    }

    /** Removes every listener this view added to the model, and stops the pane's snapshot feed. */
    public void dispose() {
        if (getProperties().get(SnapshotFeed.class) instanceof SnapshotFeed feed) {
            feed.dispose();
        }
        model.forestProperty().removeListener(forestListener);
        model.showEmptyProperty().removeListener(showEmptyListener);
        showEmpty.selectedProperty().unbindBidirectional(model.showEmptyProperty());
        gva.textProperty().unbindBidirectional(model.gvaTextProperty());
        table.setRoot(null);
    }

    private GuestPtForest forest() {
        return model.forestProperty().get();
    }

    private VBox bar() {
        showEmpty.setId("guestpt-show-empty");
        showEmpty.selectedProperty().bindBidirectional(model.showEmptyProperty());
        Label status = new Label();
        status.setId("guestpt-status");
        status.getStyleClass().add(STATUS_CLASS);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        VBox bar = new VBox(4, showEmpty, status);
        bar.getStyleClass().add(BAR_CLASS);
        return bar;
    }

    private StackPane tree() {
        table.setId("guestpt-table");
        table.setRowFactory(t -> new GuestPtCells.Row(model));
        TreeTableColumn<GuestPtRow, GuestPtRow> entry = column("Index \u00b7 gva", 148);
        entry.setCellFactory(c -> new GuestPtCells.Entry());
        TreeTableColumn<GuestPtRow, GuestPtRow> flags = column("Flags \u2192 gpa", 222);
        flags.setCellFactory(c -> new GuestPtCells.Flags());
        TreeTableColumn<GuestPtRow, GuestPtRow> raw = column("Entry", 150);
        raw.setCellFactory(c -> monoCell(r -> r.isRoot() ? Hex.of(r.entry()) : Hex.padded(r.entry(), 16)));
        table.getColumns().setAll(List.of(entry, flags, raw));
        table.setTreeColumn(entry);
        Label message = new Label();
        message.setId("guestpt-message");
        message.getStyleClass().add(MESSAGE_CLASS);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        table.visibleProperty().bind(model.messageProperty().isEmpty());
        return new StackPane(table, message);
    }

    private static TreeTableColumn<GuestPtRow, GuestPtRow> column(String title, double width) {
        TreeTableColumn<GuestPtRow, GuestPtRow> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(p -> new ReadOnlyObjectWrapper<>(p.getValue().getValue()));
        return c;
    }

    private static TreeTableCell<GuestPtRow, GuestPtRow> monoCell(Function<GuestPtRow, String> text) {
        TreeTableCell<GuestPtRow, GuestPtRow> cell = new TreeTableCell<>() {
            @Override
            protected void updateItem(GuestPtRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        };
        cell.getStyleClass().add(MONO_CLASS);
        return cell;
    }

    private VBox walkBox() {
        Label title = new Label("Translate gva");
        gva.setId("guestpt-gva");
        gva.setPromptText("0xb0028000");
        gva.textProperty().bindBidirectional(model.gvaTextProperty());
        gva.setOnAction(e -> model.translate());
        HBox.setHgrow(gva, Priority.ALWAYS);
        Button walk = new Button("Walk");
        walk.setId("guestpt-translate");
        walk.setOnAction(e -> model.translate());
        HBox input = new HBox(6, title, gva, walk);
        input.setAlignment(Pos.CENTER_LEFT);
        Label result = new Label();
        result.setId("guestpt-walk-result");
        result.getStyleClass().addAll(MONO_CLASS, WALK_RESULT_CLASS);
        result.setWrapText(true);
        result.textProperty().bind(model.walkResultProperty());
        ListView<GuestWalk.Step> steps = new ListView<>(model.walkSteps());
        steps.setId("guestpt-walk");
        steps.setCellFactory(l -> new GuestPtCells.Step());
        steps.setPlaceholder(new Label("Each level of the walk appears here: table, index, entry."));
        VBox.setVgrow(steps, Priority.ALWAYS);
        VBox box = new VBox(6, input, result, steps);
        box.getStyleClass().add(WALK_CLASS);
        return box;
    }

    private Legend legend() {
        Legend legend = new Legend();
        legend.setId("guestpt-legend");
        legend.add(GuestPtColours.TABLE, "points to a table")
                .add(GuestPtColours.LEAF, "maps a page")
                .add(GuestPtColours.NOT_PRESENT, "not present")
                .add(GuestPtColours.AD_CHANGED, "A/D changed since the previous stop")
                .add(GuestPtColours.CHANGED_BELOW, "a change below")
                .add(GuestPtColours.OTHER_CHANGED, "entry changed otherwise");
        return legend;
    }

    private void rebuild(GuestPtForest forest, boolean newStop) {
        Set<String> expanded = new HashSet<>();
        LazyTreeItem.collectExpanded(table.getRoot(), GuestPtRow::key, expanded);
        if (forest == null || forest.rootRow() == null) {
            table.setRoot(null);
            return;
        }
        GuestPtRow rootRow = forest.rootRow();
        LazyTreeItem<GuestPtRow> root = new LazyTreeItem<>(forest, GuestPtRow::key, rootRow, model.showEmptyProperty().get(),
                expanded);
        root.setExpanded(true);
        table.setRoot(root);
        if (newStop) {
            revealChanges(root);
        }
    }

    /** Opens the path to every entry whose A/D bits changed. */
    private static void revealChanges(TreeItem<GuestPtRow> item) {
        if (item.getValue().changedBelow()) {
            item.setExpanded(true);
            for (TreeItem<GuestPtRow> child : item.getChildren()) {
                revealChanges(child);
            }
        }
    }
}
