package dev.memscope.views.events;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** KVM's stat counters (and exits by reason), with how much each grew since the previous stop. */
final class CountersView extends TableView<CounterRow> {
    CountersView(EventLogViewModel model) {
        super(model.counters());
        setId("counters-table");
        getStyleClass().add(EventStyles.COUNTERS);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No counters yet"));
        TableColumn<CounterRow, String> name = new TableColumn<>("Counter");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setPrefWidth(172);
        TableColumn<CounterRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.format("%,d", c.getValue().value())));
        value.getStyleClass().add(EventStyles.NUMBER);
        value.setPrefWidth(70);
        TableColumn<CounterRow, String> delta = new TableColumn<>("\u0394 stop");
        delta.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().delta() == 0 ? ""
                : String.format("%+,d", c.getValue().delta())));
        delta.getStyleClass().add(EventStyles.NUMBER);
        delta.setPrefWidth(60);
        getColumns().setAll(java.util.List.of(name, value, delta));
        getColumns().forEach(c -> c.setSortable(false)); // the kernel's order is the useful one
        setFixedCellSize(22);
    }
}
