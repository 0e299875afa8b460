package dev.memscope.views.console;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The guest's console (bytes written to port 0xE9). The machine's snapshots carry the whole console so far; the
 * view model keeps the last {@link #MAX_CHARS} characters and knows how much of it the view already shows, so each
 * frame appends only what is new.
 */
public final class ConsoleViewModel {
    public static final int MAX_CHARS = 1 << 20;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private long consumed;

    /**
     * Brings the console up to date with the machine's console, of which {@code totalLength} characters have been
     * written so far and {@code tail} is the end. Returns the characters that are new since the last call.
     */
    public String update(long totalLength, String tail) {
        if (totalLength < consumed) { // the machine was reset: start over
            consumed = 0;
            text.set("");
        }
        long fresh = totalLength - consumed;
        if (fresh <= 0) {
            return "";
        }
        String added = fresh >= tail.length() ? tail : tail.substring(tail.length() - (int) fresh);
        consumed = totalLength;
        String next = text.get() + added;
        if (next.length() > MAX_CHARS) {
            next = next.substring(next.length() - MAX_CHARS);
        }
        text.set(next);
        return added;
    }

    public void clear() {
        consumed = 0;
        text.set("");
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
