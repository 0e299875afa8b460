package dev.memscope.views.events;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.views.common.PaneModel;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

/**
 * The event log pane: filters on top; the tracepoint lines (a virtualized list: only visible lines exist and are
 * formatted) under trace-cmd-like column titles and the colour legend; the counters on the right.
 */
public final class EventLogView extends BorderPane {
    private final EventLogViewModel model;
    private final EventFilterBar filters;
    private final ListView<TraceEvent> list;
    private final ContextMenu menu = new ContextMenu();
    private final ListChangeListener<TraceEvent> tail = c -> scrollToTailIfFollowing();
    private final Subscription subscription;
    private boolean scrollPending;

    public EventLogView(EventLogViewModel model) {
        this.model = model;
        getStylesheets().add(EventLogView.class.getResource("/dev/memscope/views/events/events.css")
                .toExternalForm());
        getStyleClass().add(EventStyles.PANE);
        setStyle(EventPalette.declarations());
        getProperties().put(PaneModel.class, model);

        filters = new EventFilterBar(model);
        setTop(filters);

        Label gap = new Label();
        gap.setId("gap-note");
        gap.getStyleClass().add(EventStyles.GAP_NOTE);
        gap.setMaxWidth(Double.MAX_VALUE);
        gap.textProperty().bind(model.gapNoteProperty());
        gap.visibleProperty().bind(model.gapNoteProperty().isNotEmpty());
        gap.managedProperty().bind(gap.visibleProperty());
        Label titles = new Label(EventLine.TITLES);
        titles.getStyleClass().add(EventStyles.TITLES);
        titles.setMinWidth(Label.USE_PREF_SIZE);
        var legend = EventPalette.legend();
        legend.setId("event-legend");
        HBox.setHgrow(legend, Priority.ALWAYS);
        legend.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        HBox header = new HBox(12, titles, legend);
        header.getStyleClass().add(EventStyles.HEADER_ROW);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        list = new ListView<>(model.shown());
        list.setId("event-list");
        list.getStyleClass().add(EventStyles.LIST);
        list.setCellFactory(v -> new EventCell());
        list.setFixedCellSize(18);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Label empty = new Label();
        empty.setId("event-list-empty");
        empty.setWrapText(true);
        empty.setMaxWidth(560);
        empty.textProperty().bind(model.placeholderProperty());
        list.setPlaceholder(empty);
        list.setContextMenu(menu);
        menu.setOnShowing(e -> fillMenu());
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                model.followTailProperty().set(false); // reading back: stop jumping to the end
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox log = new VBox(gap, header, list);

        CountersView counters = new CountersView(model);
        SplitPane split = new SplitPane(log, counters);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.74);
        SplitPane.setResizableWithParent(counters, false);
        setCenter(split);

        model.shown().addListener(tail);
        subscription = model.followTailProperty().subscribe(on -> scrollToTailIfFollowing());
    }

    public EventLogViewModel model() {
        return model;
    }

    /** Removes every listener this view added to the model. */
    public void dispose() {
        filters.dispose();
        model.shown().removeListener(tail);
        subscription.unsubscribe();
        list.setItems(null);
    }

    /**
     * Scrolls to the newest line after the list's skin has taken in the change (scrolling inside the change event is
     * undone by the skin's own relayout), and once more a pulse later: newly shown lines may be wider and bring in the
     * horizontal scroll bar, which shrinks the view under the last line. At most one scroll is pending per frame,
     * whatever the batch size.
     */
    private void scrollToTailIfFollowing() {
        if (!scrollPending && model.followTailProperty().get()) {
            scrollPending = true;
            Platform.runLater(() -> {
                scrollPending = false;
                scrollToTail();
                Platform.runLater(this::scrollToTail);
            });
        }
    }

    private void scrollToTail() {
        if (model.followTailProperty().get() && !model.shown().isEmpty()) {
            list.scrollTo(model.shown().size() - 1);
        }
    }

    private void fillMenu() {
        List<TraceEvent> selected = List.copyOf(list.getSelectionModel().getSelectedItems());
        MenuItem copy = new MenuItem("Copy " + (selected.size() == 1 ? "line" : selected.size() + " lines"));
        copy.setId("menu-copy-lines");
        copy.setDisable(selected.isEmpty());
        copy.setOnAction(a -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(selected.stream().map(EventLine::full).collect(Collectors.joining("\n")) + "\n");
            Clipboard.getSystemClipboard().setContent(content);
        });
        menu.getItems().setAll(copy);
        if (selected.size() != 1) {
            return;
        }
        TraceEvent e = selected.get(0);
        String name = e.kind().tracepoint();
        MenuItem only = new MenuItem("Show only " + name);
        only.setOnAction(a -> model.kindsProperty().set(Set.of(e.kind())));
        MenuItem hide = new MenuItem("Hide " + name);
        hide.setOnAction(a -> {
            EnumSet<EventKind> next = EnumSet.noneOf(EventKind.class);
            next.addAll(model.kindsProperty().get());
            next.remove(e.kind());
            model.kindsProperty().set(Set.copyOf(next));
        });
        menu.getItems().addAll(new SeparatorMenuItem(), only, hide);
        long gfn = EventAddresses.firstGfn(e, model.filter().mmu());
        if (gfn != EventAddresses.NONE) {
            MenuItem byGfn = new MenuItem("Show only gfn " + Long.toHexString(gfn));
            byGfn.setOnAction(a -> model.gfnTextProperty().set(Long.toHexString(gfn)));
            menu.getItems().add(byGfn);
        }
        BdfPattern bdf = model.bdfOf(e);
        if (bdf != null) {
            MenuItem byBdf = new MenuItem("Show only PCI " + bdf);
            byBdf.setOnAction(a -> model.bdfTextProperty().set(bdf.toString()));
            menu.getItems().add(byBdf);
        }
        List<Breakpoint> offers = model.breakpointOffers(e);
        if (!offers.isEmpty()) {
            menu.getItems().add(new SeparatorMenuItem());
        }
        for (Breakpoint bp : offers) {
            MenuItem item = new MenuItem("Break when " + bp.describe());
            item.setOnAction(a -> model.breakWhen(bp));
            menu.getItems().add(item);
        }
    }

    /** For tests: the context menu, filled for the current selection. */
    ContextMenu fillMenuForTest() {
        fillMenu();
        return menu;
    }
}
