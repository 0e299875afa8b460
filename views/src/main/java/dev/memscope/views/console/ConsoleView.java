package dev.memscope.views.console;

import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;

/** The guest's console output, in a read-only monospaced text area that follows the end. */
public final class ConsoleView extends BorderPane {
    private final TextArea area = new TextArea();

    public ConsoleView(ConsoleViewModel model) {
        getStylesheets().add(ConsoleView.class.getResource("/dev/memscope/views/console/console.css")
                .toExternalForm());
        getStyleClass().add("console-view");
        area.setId("console-text");
        area.setEditable(false);
        area.setWrapText(false);
        area.setPromptText("The guest's console output (port 0xE9) appears here.");
        model.textProperty().addListener((obs, was, is) -> {
            if (is.startsWith(was) && !was.isEmpty()) {
                area.appendText(is.substring(was.length()));
            } else {
                area.setText(is);
                area.positionCaret(is.length());
            }
        });
        setCenter(area);
    }
}
