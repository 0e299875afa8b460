package dev.memscope.views.common;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/** A row of colour swatches with labels, for every pane that uses colour to mean something. */
public final class Legend extends FlowPane {
    public Legend() {
        super(12, 4);
        getStyleClass().add("legend");
        setPadding(new Insets(4, 8, 4, 8));
    }

    public Legend add(Color colour, String label) {
        Rectangle swatch = new Rectangle(12, 12, colour);
        swatch.setStroke(Color.gray(0.35));
        swatch.setStrokeWidth(0.5);
        Label text = new Label(label, swatch);
        text.getStyleClass().add("legend-item");
        getChildren().add(text);
        return this;
    }
}
