package dev.memscope.views.events;

import dev.memscope.emulator.api.EventKind;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import javafx.util.Subscription;
import org.controlsfx.control.CheckComboBox;

/**
 * The log's filters: event types (one check box per tracepoint system, and every tracepoint in a CheckComboBox),
 * a gfn range and a PCI bus/device/function, then follow-the-tail, clear, and the count of what is shown.
 */
final class EventFilterBar extends HBox {
    private final EventLogViewModel model;
    private final CheckComboBox<EventKind> kinds = new CheckComboBox<>();
    private final Map<String, CheckBox> systems = new LinkedHashMap<>();
    private final TextField gfn = new TextField();
    private final TextField bdf = new TextField();
    private final ToggleButton follow = new ToggleButton("Follow tail");
    private final ListChangeListener<EventKind> checksListener = c -> checksChanged();
    private final Subscription subscription;
    private boolean syncing;

    EventFilterBar(EventLogViewModel model) {
        super(6);
        this.model = model;
        getStyleClass().add(EventStyles.FILTER_BAR);
        setAlignment(Pos.CENTER_LEFT);
        kinds.setId("event-kinds");
        kinds.getItems().setAll(EventKind.values());
        kinds.setConverter(new StringConverter<>() {
            @Override
            public String toString(EventKind k) {
                return k == null ? "" : k.system() + ":" + k.tracepoint();
            }

            @Override
            public EventKind fromString(String s) {
                return null;
            }
        });
        kinds.setPrefWidth(190);
        kinds.getCheckModel().getCheckedItems().addListener(checksListener);
        getChildren().add(kinds);
        for (EventPalette p : EventPalette.values()) {
            CheckBox box = new CheckBox(p.system());
            box.setId("system-" + p.system());
            box.getStyleClass().add(EventStyles.ofSystem(p.system()));
            box.setOnAction(e -> model.setSystem(p.system(), box.isSelected()));
            systems.put(p.system(), box);
            getChildren().add(box);
        }
        gfn.setId("filter-gfn");
        gfn.setPromptText("b0000-b00ff");
        gfn.setPrefColumnCount(10);
        gfn.textProperty().bindBidirectional(model.gfnTextProperty());
        bdf.setId("filter-bdf");
        bdf.setPromptText("00:03.0");
        bdf.setPrefColumnCount(6);
        bdf.textProperty().bindBidirectional(model.bdfTextProperty());
        follow.setId("follow-tail");
        follow.selectedProperty().bindBidirectional(model.followTailProperty());
        follow.setTooltip(new Tooltip("Keep the newest event in view"));
        Button clear = new Button("Clear");
        clear.setId("clear-log");
        clear.setOnAction(e -> model.clear());
        Label status = new Label();
        status.setId("event-status");
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinWidth(0);
        status.setTooltip(new Tooltip());
        status.getTooltip().textProperty().bind(model.statusProperty());
        setHgrow(status, Priority.ALWAYS);
        getChildren().addAll(label("gfn", gfn), gfn, label("PCI", bdf), bdf, follow, clear, status);
        subscription = model.kindsProperty().subscribe(this::showKinds)
                .and(model.gfnErrorProperty().subscribe(error -> showError(gfn, error)))
                .and(model.bdfErrorProperty().subscribe(error -> showError(bdf, error)));
    }

    void dispose() {
        subscription.unsubscribe();
        kinds.getCheckModel().getCheckedItems().removeListener(checksListener);
        gfn.textProperty().unbindBidirectional(model.gfnTextProperty());
        bdf.textProperty().unbindBidirectional(model.bdfTextProperty());
        follow.selectedProperty().unbindBidirectional(model.followTailProperty());
    }

    private static Label label(String text, TextField field) {
        Label l = new Label(text);
        l.setLabelFor(field);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private void checksChanged() {
        if (!syncing) {
            EnumSet<EventKind> checked = EnumSet.noneOf(EventKind.class);
            checked.addAll(kinds.getCheckModel().getCheckedItems());
            model.kindsProperty().set(Set.copyOf(checked));
        }
    }

    private void showKinds(Set<EventKind> shown) {
        syncing = true;
        try {
            for (int i = 0; i < kinds.getItems().size(); i++) {
                boolean want = shown.contains(kinds.getItems().get(i));
                if (want != kinds.getCheckModel().isChecked(i)) {
                    if (want) {
                        kinds.getCheckModel().check(i);
                    } else {
                        kinds.getCheckModel().clearCheck(i);
                    }
                }
            }
        } finally {
            syncing = false;
        }
        int all = EventKind.values().length;
        kinds.setTitle(shown.size() == all ? "All " + all + " event types"
                : shown.size() + " of " + all + " event types");
        for (Map.Entry<String, CheckBox> s : systems.entrySet()) {
            long of = EnumSet.allOf(EventKind.class).stream().filter(k -> k.system().equals(s.getKey())).count();
            long on = shown.stream().filter(k -> k.system().equals(s.getKey())).count();
            s.getValue().setIndeterminate(on > 0 && on < of);
            s.getValue().setSelected(on == of);
        }
    }

    private static void showError(TextField field, String error) {
        field.getStyleClass().remove(EventStyles.INVALID);
        if (error.isEmpty()) {
            field.setTooltip(new Tooltip(field.getId().equals("filter-gfn")
                    ? "Only events about these gfns (hex): b0018, b0000-b00ff or b0000+100"
                    : "Only events in this PCI function's config space: bus, bus:device or bus:device.function"));
        } else {
            field.getStyleClass().add(EventStyles.INVALID);
            field.setTooltip(new Tooltip(error));
        }
    }
}
