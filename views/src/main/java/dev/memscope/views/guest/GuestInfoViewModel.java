package dev.memscope.views.guest;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the guest pane shows: the guest's name, what it is and demonstrates, and its source. */
public final class GuestInfoViewModel {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final StringProperty demonstrates = new SimpleStringProperty(this, "demonstrates", "");
    private final StringProperty sourceName = new SimpleStringProperty(this, "sourceName", "");
    private final StringProperty source = new SimpleStringProperty(this, "source", "");

    public void show(String name, String description, String demonstrates, String sourceName, String source) {
        this.name.set(name);
        this.description.set(description);
        this.demonstrates.set(demonstrates);
        this.sourceName.set(sourceName);
        this.source.set(source);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty demonstratesProperty() {
        return demonstrates;
    }

    public StringProperty sourceNameProperty() {
        return sourceName;
    }

    public StringProperty sourceProperty() {
        return source;
    }
}
