package dev.memscope.views.events;

import dev.memscope.emulator.api.TraceEvent;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One line of the log: trace-cmd's header in grey, {@code system:tracepoint:} in the system's colour, then the
 * tracepoint's text. The only place an event is formatted, so only the lines on screen ever are.
 */
final class EventCell extends ListCell<TraceEvent> {
    private final Text header = new Text();
    private final Text name = new Text();
    private final Text body = new Text();
    private final TextFlow flow = new TextFlow(header, name, body);
    private String systemClass;

    EventCell() {
        header.getStyleClass().addAll(EventStyles.TEXT, EventStyles.HEADER_TEXT);
        body.getStyleClass().add(EventStyles.TEXT);
        name.getStyleClass().add(EventStyles.TEXT);
        setText(null);
    }

    @Override
    protected void updateItem(TraceEvent e, boolean empty) {
        super.updateItem(e, empty);
        if (empty || e == null) {
            setGraphic(null);
            return;
        }
        header.setText(EventLine.header(e));
        name.setText(e.kind().system() + ":" + e.kind().tracepoint() + ": ");
        body.setText(e.text());
        String cls = EventStyles.ofSystem(e.kind().system());
        if (!cls.equals(systemClass)) {
            if (systemClass != null) {
                name.getStyleClass().remove(systemClass);
            }
            name.getStyleClass().add(cls);
            systemClass = cls;
        }
        setGraphic(flow);
    }
}
