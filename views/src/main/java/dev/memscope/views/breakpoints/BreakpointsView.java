package dev.memscope.views.breakpoints;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.views.common.PaneModel;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The breakpoints: a list, a line to add one, remove and clear. */
public final class BreakpointsView extends BorderPane {
    public static final String ERROR = "breakpoint-error";

    public BreakpointsView(BreakpointsViewModel model) {
        getStylesheets().add(BreakpointsView.class.getResource("/dev/memscope/views/breakpoints/breakpoints.css")
                .toExternalForm());
        getStyleClass().add("breakpoints-view");
        getProperties().put(PaneModel.class, model);
        ListView<Breakpoint> list = new ListView<>(model.breakpoints());
        list.setId("breakpoint-list");
        list.setPlaceholder(new Label("No breakpoints. Add one below, or from a pane's context menu."));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Breakpoint item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.describe());
            }
        });
        TextField input = new TextField();
        input.setId("breakpoint-input");
        input.setPromptText(BreakpointText.HELP);
        input.setTooltip(new Tooltip("One breakpoint per line, for example: rip 0x100bb3, gpa 0xb0018000, "
                + "hole 00:03.0, exit MMIO, spte 0xb0018, memslot, sync 2"));
        HBox.setHgrow(input, Priority.ALWAYS);
        Button add = new Button("Add");
        add.setId("breakpoint-add");
        Runnable doAdd = () -> {
            if (model.add(input.getText())) {
                input.clear();
            }
        };
        add.setOnAction(e -> doAdd.run());
        input.setOnAction(e -> doAdd.run());
        Button remove = new Button("Remove");
        remove.setId("breakpoint-remove");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> model.remove(list.getSelectionModel().getSelectedItem()));
        Button clear = new Button("Clear all");
        clear.setId("breakpoint-clear");
        clear.setOnAction(e -> model.clear());
        Label error = new Label();
        error.setId(ERROR);
        error.getStyleClass().add(ERROR);
        error.textProperty().bind(model.errorProperty());
        Label last = new Label();
        last.setId("breakpoint-last-stop");
        last.textProperty().bind(model.lastStopProperty());
        VBox bottom = new VBox(4, new HBox(6, input, add, remove, clear), error, last);
        bottom.setPadding(new Insets(6));
        setCenter(list);
        setBottom(bottom);
    }
}
