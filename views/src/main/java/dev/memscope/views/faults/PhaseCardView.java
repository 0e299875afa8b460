package dev.memscope.views.faults;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One phase card: a title line (state mark, phase, kernel function) and its fields. A handful per fault. */
final class PhaseCardView extends VBox {
    PhaseCardView(PhaseCard card, boolean highlighted) {
        pseudoClassStateChanged(dev.memscope.views.common.Highlights.PSEUDO_CLASS, highlighted);
        getStyleClass().addAll(FaultsView.CARD_CLASS, switch (card.state()) {
            case RAN -> FaultsView.CARD_RAN_CLASS;
            case STOPPED_AFTER -> FaultsView.CARD_STOPPED_CLASS;
            case PENDING -> FaultsView.CARD_PENDING_CLASS;
        });
        setId("faults-phase-" + card.phase().name().toLowerCase());
        Label mark = new Label(switch (card.state()) {
            case RAN -> "\u2713";
            case STOPPED_AFTER -> "\u25B6";
            case PENDING -> "\u25CB";
        });
        mark.getStyleClass().add(FaultsView.CARD_MARK_CLASS);
        Label name = new Label(card.phase().label());
        name.getStyleClass().add(FaultsView.CARD_TITLE_CLASS);
        Label function = new Label(card.function());
        function.getStyleClass().add(FaultsView.CARD_FUNCTION_CLASS);
        FlowPane title = new FlowPane(6, 0, mark, name);
        if (card.state() == PhaseCard.State.STOPPED_AFTER) {
            Label here = new Label("\u25C0 stopped here");
            here.getStyleClass().add(FaultsView.CARD_HERE_CLASS);
            title.getChildren().add(here);
        }
        title.getChildren().add(function);
        getChildren().add(title);
        if (!card.fields().isEmpty()) {
            getChildren().add(grid(card));
        }
    }

    private static GridPane grid(PhaseCard card) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add(FaultsView.CARD_GRID_CLASS);
        grid.setHgap(8);
        grid.setVgap(1);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(96);
        names.setPrefWidth(110);
        names.setHalignment(HPos.LEFT);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().addAll(names, values);
        int row = 0;
        for (PhaseCard.Field f : card.fields()) {
            Label n = new Label(f.name());
            n.getStyleClass().add(FaultsView.FIELD_NAME_CLASS);
            Label v = new Label(f.value());
            v.getStyleClass().add(FaultsView.FIELD_VALUE_CLASS);
            v.setWrapText(true);
            grid.add(n, 0, row);
            grid.add(v, 1, row++);
            if (!f.note().isEmpty()) {
                Label note = new Label(f.note());
                note.getStyleClass().add(FaultsView.FIELD_NOTE_CLASS);
                note.setWrapText(true);
                grid.add(note, 1, row++);
            }
        }
        return grid;
    }
}
