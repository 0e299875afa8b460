package dev.memscope.views.common;

import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.TraceEvent;
import java.util.List;

/**
 * What every pane's view model receives, on the JavaFX thread, at most once per frame: the newest snapshot when it
 * changed, and the events recorded since the last frame, in one batch.
 */
public interface PaneModel {
    void onSnapshot(MachineSnapshot snapshot);

    /** The events recorded since the previous batch (possibly with a gap if the ring overwrote some). */
    default void onEvents(List<TraceEvent> batch) {
    }
}
