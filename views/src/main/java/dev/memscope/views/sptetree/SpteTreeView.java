package dev.memscope.views.sptetree;

import dev.memscope.views.common.Hex;
import dev.memscope.views.common.LazyTreeItem;
import dev.memscope.views.common.Legend;
import dev.memscope.views.common.SnapshotFeed;
import java.util.HashSet;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;

/**
 * The TDP / shadow page tables: every sp reachable from the root, its entries decoded, entries changed since the
 * previous stop highlighted. Rows are made lazily as the user expands them; empty entries are hidden unless asked.
 */
public final class SpteTreeView extends BorderPane {
    public static final String STYLE_CLASS = "sptetree-view";
    public static final String ROW_CLASS = "sptetree-row";
    public static final String TOOLTIP_CLASS = "sptetree-tooltip";
    public static final String MONO_CLASS = "sptetree-mono";
    public static final String BAR_CLASS = "sptetree-bar";
    public static final String STATUS_CLASS = "sptetree-status";
    public static final String MESSAGE_CLASS = "sptetree-message";
    /** Auto-reveal the changed entries at a stop when there are at most this many. */
    static final int AUTO_REVEAL_LIMIT = 64;

    private final SpteTreeViewModel model;
    private final TreeTableView<SpteRow> table = new TreeTableView<>();
    private final CheckBox showEmpty = new CheckBox("Show empty entries");
    private final ChangeListener<SpteForest> forestListener = (obs, was, is) -> rebuild(is, true);
    private final ChangeListener<Boolean> showEmptyListener = (obs, was, is) -> rebuild(forest(), false);
    private final ChangeListener<java.util.List<dev.memscope.emulator.api.Highlight>> highlightListener =
            (obs, was, is) -> {
                table.refresh();
                revealHighlights();
            };

    public SpteTreeView(SpteTreeViewModel model) {
        this.model = model;
        getStylesheets().add(SpteTreeView.class.getResource("/dev/memscope/views/sptetree/sptetree.css")
                .toExternalForm());
        getStyleClass().add(STYLE_CLASS);
        setTop(bar());
        setCenter(center());
        Legend legend = legend();
        legend.visibleProperty().bind(model.messageProperty().isEmpty());
        legend.managedProperty().bind(legend.visibleProperty());
        setBottom(legend);
        model.forestProperty().addListener(forestListener);
        model.showEmptyProperty().addListener(showEmptyListener);
        model.highlightsProperty().addListener(highlightListener);
        rebuild(model.forestProperty().get(), true);
    }

    /** Removes every listener this view added to the model, and stops the pane's snapshot feed. */
    public void dispose() {
        if (getProperties().get(SnapshotFeed.class) instanceof SnapshotFeed feed) {
            feed.dispose();
        }
        model.forestProperty().removeListener(forestListener);
        model.showEmptyProperty().removeListener(showEmptyListener);
        model.highlightsProperty().removeListener(highlightListener);
        showEmpty.selectedProperty().unbindBidirectional(model.showEmptyProperty());
        table.setRoot(null);
    }

    private SpteForest forest() {
        return model.forestProperty().get();
    }

    TreeTableView<SpteRow> table() {
        return table;
    }

    private VBox bar() {
        showEmpty.setId("sptetree-show-empty");
        showEmpty.selectedProperty().bindBidirectional(model.showEmptyProperty());
        ChoiceBox<Integer> as = new ChoiceBox<>(FXCollections.observableArrayList(0, 1));
        as.setId("sptetree-as");
        as.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v == 0 ? "address space 0" : "address space 1 (SMM)";
            }

            @Override
            public Integer fromString(String s) {
                return s.contains("1") ? 1 : 0;
            }
        });
        as.setValue(model.asIdProperty().get());
        as.valueProperty().addListener((obs, was, is) -> model.asIdProperty().set(is == null ? 0 : is));
        Button reveal = new Button("Reveal changes");
        reveal.setId("sptetree-reveal-changes");
        reveal.setOnAction(e -> revealChanges());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox controls = new HBox(10, as, showEmpty, grow, reveal);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("sptetree-status");
        status.getStyleClass().add(STATUS_CLASS);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        controls.disableProperty().bind(model.forestProperty().isNull());
        VBox bar = new VBox(4, controls, status);
        bar.getStyleClass().add(BAR_CLASS);
        return bar;
    }

    private StackPane center() {
        table.setId("sptetree-table");
        table.setShowRoot(true);
        table.setRowFactory(t -> new SpteTreeRowCell(model));
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TreeTableColumn<SpteRow, SpteRow> entry = column("Index \u00b7 gfn", 250);
        entry.setCellFactory(c -> new EntryCell());
        TreeTableColumn<SpteRow, SpteRow> value = column("SPTE", 152);
        value.setMinWidth(152);
        value.setCellFactory(c -> textCell(r -> r.isRoot() ? "" : Hex.padded(r.spte(), 16)));
        TreeTableColumn<SpteRow, SpteRow> decoded = column("Decoded", 300);
        decoded.setCellFactory(c -> textCell(r -> r.isRoot()
                ? "sp " + SpRole.summary(r.table().role()).replace("level ", "L").replace("access ", "")
                : SpteText.summary(r.format(), r.spte(), r.level(), r.child() == null ? null : r.child().role())));
        table.getColumns().setAll(java.util.List.of(entry, value, decoded));
        table.setTreeColumn(entry);
        Label message = new Label();
        message.setId("sptetree-message");
        message.getStyleClass().add(MESSAGE_CLASS);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        table.visibleProperty().bind(model.messageProperty().isEmpty());
        StackPane stack = new StackPane(table, message);
        StackPane.setAlignment(message, Pos.CENTER);
        return stack;
    }

    private static TreeTableColumn<SpteRow, SpteRow> column(String title, double width) {
        TreeTableColumn<SpteRow, SpteRow> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(p -> new ReadOnlyObjectWrapper<>(p.getValue().getValue()));
        return c;
    }

    private static TreeTableCell<SpteRow, SpteRow> textCell(java.util.function.Function<SpteRow, String> text) {
        TreeTableCell<SpteRow, SpteRow> cell = new TreeTableCell<>() {
            @Override
            protected void updateItem(SpteRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        };
        cell.getStyleClass().add(MONO_CLASS);
        return cell;
    }

    /** The tree column: a colour chip for the kind of entry, then its index and address. */
    private static final class EntryCell extends TreeTableCell<SpteRow, SpteRow> {
        private final Rectangle chip = new Rectangle(10, 10);

        EntryCell() {
            getStyleClass().add(MONO_CLASS);
            chip.setArcWidth(3);
            chip.setArcHeight(3);
        }

        @Override
        protected void updateItem(SpteRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            chip.setFill(SpteColours.of(row.kind()));
            setGraphic(chip);
            setText(row.label());
        }
    }

    private Legend legend() {
        Legend legend = new Legend();
        legend.setId("sptetree-legend");
        legend.add(SpteColours.of(SpteKind.TABLE), "points to an sp")
                .add(SpteColours.of(SpteKind.LEAF_WRITABLE), "leaf, writable")
                .add(SpteColours.of(SpteKind.LEAF_READONLY), "leaf, read-only")
                .add(SpteColours.of(SpteKind.MMIO), "MMIO spte")
                .add(SpteColours.of(SpteKind.EMPTY), "empty")
                .add(SpteColours.CHANGED, "changed since the previous stop")
                .add(SpteColours.CHANGED_BELOW, "a change below");
        return legend;
    }

    /** Shows a new tree, keeping what the user had expanded; at a stop, opens the way to a few changed entries. */
    private void rebuild(SpteForest forest, boolean newStop) {
        Set<String> expanded = new HashSet<>();
        LazyTreeItem.collectExpanded(table.getRoot(), SpteRow::key, expanded);
        if (forest == null || forest.rootRow() == null) {
            table.setRoot(null);
            return;
        }
        SpteRow rootRow = forest.rootRow();
        expanded.add(rootRow.key());
        LazyTreeItem<SpteRow> root = new LazyTreeItem<>(forest, SpteRow::key, rootRow, model.showEmptyProperty().get(),
                expanded);
        root.setExpanded(true);
        table.setRoot(root);
        if (!model.highlightsProperty().get().isEmpty()) {
            revealHighlights();
        } else if (newStop && forest.changedCount() > 0 && forest.changedCount() <= AUTO_REVEAL_LIMIT) {
            revealChanges();
        }
    }

    /** Expands the way to every entry a lesson highlights and brings the first into view. */
    void revealHighlights() {
        TreeItem<SpteRow> root = table.getRoot();
        TreeItem<SpteRow> first = root == null ? null : expandHighlighted(root);
        if (first != null) {
            int row = table.getRow(first);
            table.scrollTo(Math.max(0, row - 3));
        }
    }

    private TreeItem<SpteRow> expandHighlighted(TreeItem<SpteRow> item) {
        SpteRow row = item.getValue();
        if (model.isHighlighted(row)) {
            return item;
        }
        if (!model.leadsToHighlight(row) || row.expandsInto() == null) {
            return null;
        }
        item.setExpanded(true);
        TreeItem<SpteRow> first = null;
        for (TreeItem<SpteRow> child : item.getChildren()) {
            TreeItem<SpteRow> f = expandHighlighted(child);
            if (first == null) {
                first = f;
            }
        }
        return first;
    }

    /** Expands the path to every changed entry and selects the first one. */
    void revealChanges() {
        TreeItem<SpteRow> root = table.getRoot();
        if (root == null) {
            return;
        }
        TreeItem<SpteRow> first = expandChanged(root);
        if (first != null) {
            table.getSelectionModel().select(first);
            int row = table.getRow(first);
            table.scrollTo(Math.max(0, row - 3));
        }
    }

    private static TreeItem<SpteRow> expandChanged(TreeItem<SpteRow> item) {
        SpteRow row = item.getValue();
        TreeItem<SpteRow> first = row.changed() ? item : null;
        if (row.changedBelow() || row.isRoot()) {
            item.setExpanded(true);
            for (TreeItem<SpteRow> child : item.getChildren()) {
                TreeItem<SpteRow> f = expandChanged(child);
                if (first == null) {
                    first = f;
                }
            }
        }
        return first;
    }
}
