package dev.memscope.views.guest;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The selected guest: what it is, what it demonstrates, and its source code. */
public final class GuestInfoView extends BorderPane {
    public GuestInfoView(GuestInfoViewModel model) {
        getStylesheets().add(GuestInfoView.class.getResource("/dev/memscope/views/guest/guest.css").toExternalForm());
        getStyleClass().add("guest-info");
        Label name = new Label();
        name.setId("guest-name");
        name.getStyleClass().add("guest-name");
        name.textProperty().bind(model.nameProperty());
        Label description = new Label();
        description.setId("guest-description");
        description.setWrapText(true);
        description.textProperty().bind(model.descriptionProperty());
        Label demonstrates = new Label();
        demonstrates.setId("guest-demonstrates");
        demonstrates.getStyleClass().add("guest-demonstrates");
        demonstrates.setWrapText(true);
        demonstrates.textProperty().bind(Bindings.when(model.demonstratesProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("Demonstrates: ", model.demonstratesProperty())));
        Label sourceName = new Label();
        sourceName.getStyleClass().add("guest-source-name");
        sourceName.textProperty().bind(model.sourceNameProperty());
        VBox header = new VBox(4, name, description, demonstrates, sourceName);
        header.setPadding(new Insets(10, 12, 6, 12));
        TextArea source = new TextArea();
        source.setId("guest-source");
        source.setEditable(false);
        source.textProperty().bind(model.sourceProperty());
        setTop(header);
        setCenter(source);
    }
}
