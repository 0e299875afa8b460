package dev.memscope.views.panekit;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Which fault the fault panes look at: a pinned fault (by {@code FaultRecord.seq}) or, when nothing is pinned, the
 * newest one. The Fault stepper and the Prefetch pane can share one, so clicking a fault in the history shows its
 * prefetch window too; each pane makes its own when none is given.
 */
public final class FaultFocus {
    private final ObjectProperty<Long> pinned = new SimpleObjectProperty<>(this, "pinned");

    /** The pinned fault's seq, or null to follow the newest fault. */
    public ObjectProperty<Long> pinnedProperty() {
        return pinned;
    }

    public void pin(long seq) {
        pinned.set(seq);
    }

    public void follow() {
        pinned.set(null);
    }

    public boolean following() {
        return pinned.get() == null;
    }
}
