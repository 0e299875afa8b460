package dev.memscope.views.faults;

import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.views.common.Legend;
import dev.memscope.views.common.SnapshotFeed;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The fault stepper: the fault in focus phase by phase, the history of recent faults, and the buttons that step the
 * fault path.
 */
public final class FaultsView extends BorderPane {
    public static final String STYLE_CLASS = "faults-view";
    public static final String BAR_CLASS = "faults-bar";
    public static final String HEADER_CLASS = "faults-header";
    public static final String NOTE_CLASS = "faults-note";
    public static final String MESSAGE_CLASS = "faults-message";
    public static final String CARD_CLASS = "faults-card";
    public static final String CARD_RAN_CLASS = "faults-card-ran";
    public static final String CARD_STOPPED_CLASS = "faults-card-stopped";
    public static final String CARD_PENDING_CLASS = "faults-card-pending";
    public static final String CARD_MARK_CLASS = "faults-card-mark";
    public static final String CARD_TITLE_CLASS = "faults-card-title";
    public static final String CARD_FUNCTION_CLASS = "faults-card-function";
    public static final String CARD_HERE_CLASS = "faults-card-here";
    public static final String CARD_GRID_CLASS = "faults-card-grid";
    public static final String FIELD_NAME_CLASS = "faults-field-name";
    public static final String FIELD_VALUE_CLASS = "faults-field-value";
    public static final String FIELD_NOTE_CLASS = "faults-field-note";
    public static final String HISTORY_CELL_CLASS = "faults-history-cell";
    public static final String HISTORY_TITLE_CLASS = "faults-history-title";

    private final FaultsViewModel model;
    private final VBox cardsBox = new VBox(4);
    private final ScrollPane scroll = new ScrollPane(cardsBox);
    private final ListView<FaultRecord> historyList = new ListView<>();
    private final ListChangeListener<PhaseCard> cardsListener = c -> showCards();
    private final ChangeListener<FaultRecord> shownListener = (obs, was, is) -> syncSelection();
    private final ChangeListener<javafx.scene.Scene> sceneListener = (obs, was, is) -> scrollToStop();
    private final ChangeListener<Object> highlightListener = (obs, was, is) -> showCards();
    private boolean syncing;
    private final ChangeListener<FaultRecord> selectionListener = (obs, was, is) -> picked(is);

    public FaultsView(FaultsViewModel model) {
        this.model = model;
        getStylesheets().add(FaultsView.class.getResource("/dev/memscope/views/faults/faults.css").toExternalForm());
        getStyleClass().add(STYLE_CLASS);
        setTop(bar());
        setCenter(center());
        Legend legend = legend();
        legend.visibleProperty().bind(model.messageProperty().isEmpty());
        legend.managedProperty().bind(legend.visibleProperty());
        setBottom(legend);
        model.cards().addListener(cardsListener);
        model.shownProperty().addListener(shownListener);
        historyList.getSelectionModel().selectedItemProperty().addListener(selectionListener);
        sceneProperty().addListener(sceneListener);
        model.highlightsProperty().addListener(highlightListener);
        showCards();
        syncSelection();
    }

    /** Removes every listener this view added to the model, and stops the pane's snapshot feed. */
    public void dispose() {
        if (getProperties().get(SnapshotFeed.class) instanceof SnapshotFeed feed) {
            feed.dispose();
        }
        model.cards().removeListener(cardsListener);
        model.shownProperty().removeListener(shownListener);
        historyList.getSelectionModel().selectedItemProperty().removeListener(selectionListener);
        sceneProperty().removeListener(sceneListener);
        model.highlightsProperty().removeListener(highlightListener);
    }

    private VBox bar() {
        Button step = new Button("\u21B7 Step phase");
        step.setId("faults-step-phase");
        step.setTooltip(new Tooltip(StepKind.FAULT_PHASE.label()
                + ": run one phase of the fault path, or on to the first phase of the next fault"));
        step.disableProperty().bind(model.canStepPhaseProperty().not());
        step.setOnAction(e -> model.stepPhase());
        Button run = new Button("\u21E5 Next fault");
        run.setId("faults-run-to-fault");
        run.setTooltip(new Tooltip(StepKind.PAGE_FAULT.label()
                + ": run to the start of the next page fault the KVM model takes"));
        run.disableProperty().bind(model.canRunToFaultProperty().not());
        run.setOnAction(e -> model.runToFault());
        Button follow = new Button("Newest");
        follow.setId("faults-follow");
        follow.setTooltip(new Tooltip("Show the newest fault again (after picking one from the history)"));
        follow.disableProperty().bind(model.focus().pinnedProperty().isNull());
        follow.setOnAction(e -> model.follow());
        HBox buttons = new HBox(6, step, run, follow);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label();
        note.setId("faults-note");
        note.getStyleClass().add(NOTE_CLASS);
        note.setWrapText(true);
        note.textProperty().bind(model.noteProperty());
        note.managedProperty().bind(model.noteProperty().isNotEmpty());
        note.visibleProperty().bind(model.noteProperty().isNotEmpty());
        Label header = new Label();
        header.setId("faults-header");
        header.getStyleClass().add(HEADER_CLASS);
        header.setWrapText(true);
        header.textProperty().bind(model.headerProperty());
        VBox bar = new VBox(5, buttons, note, header);
        bar.getStyleClass().add(BAR_CLASS);
        return bar;
    }

    private StackPane center() {
        cardsBox.setId("faults-phases");
        cardsBox.setFillWidth(true);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        historyList.setId("faults-history");
        historyList.setItems(model.history());
        historyList.setCellFactory(l -> new FaultHistoryCell(model));
        Label historyTitle = new Label("Newest first \u00b7 R read, W write, F fetch, M MMIO spte");
        historyTitle.getStyleClass().add(HISTORY_TITLE_CLASS);
        historyTitle.setWrapText(true);
        VBox.setVgrow(historyList, Priority.ALWAYS);
        VBox history = new VBox(historyTitle, historyList);
        SplitPane split = new SplitPane(scroll, history);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.66);
        Label message = new Label();
        message.setId("faults-message");
        message.getStyleClass().add(MESSAGE_CLASS);
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        split.visibleProperty().bind(model.messageProperty().isEmpty());
        return new StackPane(split, message);
    }

    private Legend legend() {
        Legend legend = new Legend();
        legend.setId("faults-legend");
        legend.add(FaultColours.PHASE_RAN, "phase ran")
                .add(FaultColours.PHASE_STOPPED, "stopped after it")
                .add(FaultColours.PHASE_PENDING, "not reached yet")
                .add(FaultColours.FIXED, "RET_PF_FIXED")
                .add(FaultColours.EMULATE, "EMULATE")
                .add(FaultColours.RETRY, "RETRY")
                .add(FaultColours.OTHER, "SPURIOUS, other")
                .add(FaultColours.IN_PROGRESS, "in progress");
        return legend;
    }

    private void showCards() {
        cardsBox.getChildren().setAll(model.cards().stream()
                .map(c -> new PhaseCardView(c, model.isHighlighted(c.phase()))).toList());
        scrollToStop();
    }

    /** Brings the card where the machine stopped into view, with the card before it for context. */
    void scrollToStop() {
        int stopped = -1;
        for (int i = 0; i < model.cards().size(); i++) {
            if (model.cards().get(i).state() == PhaseCard.State.STOPPED_AFTER) {
                stopped = i;
            }
        }
        if (stopped < 0 || getScene() == null) {
            scroll.setVvalue(0);
            return;
        }
        scroll.applyCss();
        scroll.layout();
        double content = cardsBox.getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (content <= viewport) {
            scroll.setVvalue(0);
            return;
        }
        javafx.scene.Node target = cardsBox.getChildren().get(Math.max(0, stopped - 1));
        double y = target.getBoundsInParent().getMinY();
        scroll.setVvalue(Math.min(1, y / (content - viewport)));
    }

    private void picked(FaultRecord f) {
        if (!syncing && f != null) {
            model.show(f);
        }
    }

    private void syncSelection() {
        syncing = true;
        try {
            FaultRecord shown = model.shownProperty().get();
            if (shown == null) {
                historyList.getSelectionModel().clearSelection();
            } else {
                historyList.getSelectionModel().select(shown);
                int i = historyList.getSelectionModel().getSelectedIndex();
                if (i >= 0) {
                    historyList.scrollTo(Math.max(0, i - 2));
                }
            }
        } finally {
            syncing = false;
        }
    }
}
