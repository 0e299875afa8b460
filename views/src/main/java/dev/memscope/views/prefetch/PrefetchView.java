package dev.memscope.views.prefetch;

import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.views.common.Hex;
import dev.memscope.views.common.Legend;
import dev.memscope.views.common.SnapshotFeed;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * Prefetch decisions: for the fault in focus, the policy, the window around the faulting SPTE as a strip, and each
 * candidate with its outcome and the reason. Wide docks put the table beside the strip, narrow ones below it.
 */
public final class PrefetchView extends BorderPane {
    public static final String STYLE_CLASS = "prefetch-view";
    public static final String STRIP_CLASS = "prefetch-strip";
    public static final String TOOLTIP_CLASS = "prefetch-tooltip";
    public static final String MONO_CLASS = "prefetch-mono";
    public static final String WHY_CLASS = "prefetch-why";
    public static final String INFO_CLASS = "prefetch-info";
    public static final String POLICY_CLASS = "prefetch-policy";
    public static final String SUMMARY_CLASS = "prefetch-summary";
    public static final String NOTE_CLASS = "prefetch-note";
    public static final String MESSAGE_CLASS = "prefetch-message";
    /** Width from which the table sits beside the strip rather than below it. */
    static final double WIDE = 900;

    private final PrefetchViewModel model;
    private final PrefetchStrip strip = new PrefetchStrip();
    private final TableView<CandidateRow> table = new TableView<>();
    private final ComboBox<FaultRecord> chooser = new ComboBox<>();
    private final Legend legend = new Legend();
    private final SplitPane split = new SplitPane();
    private final ListChangeListener<CandidateRow> rowsListener = c -> rowsChanged();
    private final ChangeListener<FaultRecord> faultListener = (obs, was, is) -> syncChooser();
    private final ListChangeListener<FaultRecord> faultsListener = c -> syncChooser();
    private final ChangeListener<Number> widthListener = (obs, was, is) -> orient(is.doubleValue());
    private final ChangeListener<Object> highlightListener = (obs, was, is) -> {
        table.refresh();
        rowsChanged();
    };
    private boolean syncing;
    private final javafx.collections.ObservableList<FaultRecord> chooserItems =
            javafx.collections.FXCollections.observableArrayList();

    public PrefetchView(PrefetchViewModel model) {
        this.model = model;
        getStylesheets().add(PrefetchView.class.getResource("/dev/memscope/views/prefetch/prefetch.css")
                .toExternalForm());
        getStyleClass().add(STYLE_CLASS);
        table.setId("prefetch-table");
        table.setItems(model.rows());
        table.setRowFactory(t -> new Row());
        table.getColumns().setAll(java.util.List.of(
                column("gfn", 92, MONO_CLASS, r -> r.pages() == 1 ? Hex.of(r.gfn())
                        : Hex.of(r.gfn()) + "+" + r.pages()),
                column("where", 62, MONO_CLASS, CandidateRow::where),
                outcomeColumn(),
                column("slot", 84, MONO_CLASS, CandidateRow::slot),
                column("why", 420, WHY_CLASS, r -> OutcomeText.why(r.shown()))));
        table.setPlaceholder(new Label("No window to show."));
        split.setId("prefetch-split");
        split.getItems().setAll(info(), table);
        Label message = new Label();
        message.setId("prefetch-message");
        message.getStyleClass().add(MESSAGE_CLASS);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        split.visibleProperty().bind(model.messageProperty().isEmpty());
        setCenter(new StackPane(split, message));
        legend.setId("prefetch-legend");
        legend.visibleProperty().bind(model.messageProperty().isEmpty());
        legend.managedProperty().bind(legend.visibleProperty());
        setBottom(legend);
        model.rows().addListener(rowsListener);
        model.faultProperty().addListener(faultListener);
        widthProperty().addListener(widthListener);
        model.highlightsProperty().addListener(highlightListener);
        rowsChanged();
        syncChooser();
        orient(getWidth());
    }

    /** Removes every listener this view added to the model, and stops the pane's snapshot feed. */
    public void dispose() {
        if (getProperties().get(SnapshotFeed.class) instanceof SnapshotFeed feed) {
            feed.dispose();
        }
        model.rows().removeListener(rowsListener);
        model.faultProperty().removeListener(faultListener);
        model.faults().removeListener(faultsListener);
        widthProperty().removeListener(widthListener);
        model.highlightsProperty().removeListener(highlightListener);
    }

    private VBox info() {
        chooser.setId("prefetch-fault");
        // The chooser keeps its own copy of the faults, replaced only while syncing: replacing a ComboBox's items
        // moves its value programmatically, which must not read as the user picking a fault.
        chooser.setItems(chooserItems);
        chooserItems.setAll(model.faults());
        model.faults().addListener(faultsListener);
        chooser.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(chooser, Priority.ALWAYS);
        chooser.setCellFactory(l -> new FaultCell());
        chooser.setButtonCell(new FaultCell());
        chooser.valueProperty().addListener((obs, was, is) -> {
            if (!syncing && is != null) {
                model.pin(is);
            }
        });
        Button follow = new Button("Newest");
        follow.setId("prefetch-follow");
        follow.disableProperty().bind(model.focus().pinnedProperty().isNull());
        follow.setOnAction(e -> model.follow());
        Label faultLabel = new Label("Fault");
        faultLabel.setMinWidth(Region.USE_PREF_SIZE);
        follow.setMinWidth(Region.USE_PREF_SIZE);
        chooser.setPrefWidth(200);
        HBox pick = new HBox(6, faultLabel, chooser, follow);
        pick.setAlignment(Pos.CENTER_LEFT);
        Label policy = label("prefetch-policy", POLICY_CLASS, model.policyProperty());
        Label summary = label("prefetch-summary", SUMMARY_CLASS, model.summaryProperty());
        Label note = label("prefetch-note", NOTE_CLASS, model.noteProperty());
        note.managedProperty().bind(model.noteProperty().isNotEmpty());
        strip.setId("prefetch-strip");
        VBox info = new VBox(5, pick, policy, summary, note, strip);
        info.getStyleClass().add(INFO_CLASS);
        info.setMinWidth(300);
        return info;
    }

    private static Label label(String id, String styleClass, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        l.textProperty().bind(text);
        return l;
    }

    private static TableColumn<CandidateRow, CandidateRow> column(String title, double width, String styleClass,
            Function<CandidateRow, String> text) {
        TableColumn<CandidateRow, CandidateRow> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(p -> new ReadOnlyObjectWrapper<>(p.getValue()));
        c.setCellFactory(col -> {
            TableCell<CandidateRow, CandidateRow> cell = new TableCell<>() {
                @Override
                protected void updateItem(CandidateRow r, boolean empty) {
                    super.updateItem(r, empty);
                    setText(empty || r == null ? null : text.apply(r));
                }
            };
            cell.getStyleClass().add(styleClass);
            return cell;
        });
        return c;
    }

    private static TableColumn<CandidateRow, CandidateRow> outcomeColumn() {
        TableColumn<CandidateRow, CandidateRow> c = new TableColumn<>("outcome");
        c.setPrefWidth(134);
        c.setSortable(false);
        c.setCellValueFactory(p -> new ReadOnlyObjectWrapper<>(p.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Rectangle chip = new Rectangle(10, 10);

            @Override
            protected void updateItem(CandidateRow r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                chip.setFill(OutcomeText.colour(r.shown()));
                chip.setStroke(javafx.scene.paint.Color.gray(0.45));
                chip.setStrokeWidth(0.5);
                setGraphic(chip);
                setText(OutcomeText.label(r.shown()));
            }
        });
        return c;
    }

    private void orient(double width) {
        Orientation o = width >= WIDE ? Orientation.HORIZONTAL : Orientation.VERTICAL;
        if (split.getOrientation() != o || split.getDividers().isEmpty()) {
            split.setOrientation(o);
            split.setDividerPositions(o == Orientation.HORIZONTAL ? 0.36 : 0.36);
            // wide: the columns share the width; narrow: they keep their widths and the table scrolls
            table.setColumnResizePolicy(o == Orientation.HORIZONTAL
                    ? TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN : TableView.UNCONSTRAINED_RESIZE_POLICY);
        }
    }

    private void rowsChanged() {
        strip.setRows(model.rows(), model::isHighlighted);
        Set<Shown> present = EnumSet.noneOf(Shown.class);
        model.rows().forEach(r -> present.add(r.shown()));
        legend.getChildren().clear();
        for (Shown s : present) {
            legend.add(OutcomeText.colour(s), OutcomeText.label(s));
        }
    }

    private void syncChooser() {
        syncing = true;
        try {
            chooserItems.setAll(model.faults());
            chooser.setValue(model.faultProperty().get());
        } finally {
            syncing = false;
        }
    }

    /** A fault in the chooser. */
    private final class FaultCell extends ListCell<FaultRecord> {
        FaultCell() {
            getStyleClass().add(MONO_CLASS);
        }

        @Override
        protected void updateItem(FaultRecord f, boolean empty) {
            super.updateItem(f, empty);
            setText(empty || f == null ? null : model.faultLine(f));
        }
    }

    /** A candidate row: the whole story on hover, break actions on its menu. */
    private final class Row extends TableRow<CandidateRow> {
        private final javafx.scene.control.Tooltip tooltip = new javafx.scene.control.Tooltip();
        private final MenuItem breakSpte = new MenuItem();
        private final MenuItem breakHole = new MenuItem();
        private final ContextMenu menu = new ContextMenu(breakSpte, breakHole);

        Row() {
            tooltip.getStyleClass().add(TOOLTIP_CLASS);
            tooltip.setShowDelay(javafx.util.Duration.millis(300));
            breakSpte.setId("prefetch-break-spte");
            breakSpte.setOnAction(e -> model.breakOnSpte(getItem()));
            breakHole.setId("prefetch-break-hole");
            breakHole.setOnAction(e -> model.breakOnHoleHit(getItem()));
        }

        @Override
        protected void updateItem(CandidateRow r, boolean empty) {
            super.updateItem(r, empty);
            pseudoClassStateChanged(dev.memscope.views.common.Highlights.PSEUDO_CLASS, model.isHighlighted(r));
            if (empty || r == null) {
                setTooltip(null);
                setContextMenu(null);
                return;
            }
            tooltip.setText(PrefetchStrip.describe(r));
            setTooltip(tooltip);
            breakSpte.setText("Break when the SPTE of gfn " + Hex.of(r.gfn()) + " changes");
            boolean ecam = r.where().contains(":");
            breakHole.setText(ecam ? "Break on a config access to " + r.where()
                    : "Break on a config access (ECAM gfns only)");
            breakHole.setDisable(!ecam);
            setContextMenu(menu);
        }
    }
}
