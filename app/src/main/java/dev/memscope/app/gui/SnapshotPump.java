package dev.memscope.app.gui;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;

/**
 * Once per frame, reads the machine's newest snapshot and, if it changed, hands it to every pane. The machine never
 * waits for this: it publishes, and the UI catches up at its own pace (DESIGN.md, "Observation and threading").
 */
final class SnapshotPump extends AnimationTimer {
    private final MachineControl machine;
    private final List<Consumer<MachineSnapshot>> listeners = new ArrayList<>();
    private final List<Consumer<List<TraceEvent>>> eventListeners = new ArrayList<>();
    private long lastVersion = -1;
    private long eventCursor;
    /** At most this many events per frame; the rest arrive in the next frames. */
    static final int MAX_EVENTS_PER_FRAME = 200_000;

    SnapshotPump(MachineControl machine) {
        this.machine = machine;
    }

    void addListener(Consumer<MachineSnapshot> listener) {
        listeners.add(listener);
    }

    void addEventListener(Consumer<List<TraceEvent>> listener) {
        eventListeners.add(listener);
    }

    @Override
    public void handle(long now) {
        pump();
        drainEvents();
    }

    /** Hands the events recorded since the last frame to the event listeners, in one batch. */
    void drainEvents() {
        if (eventListeners.isEmpty()) {
            return;
        }
        MachineSnapshot s = machine.snapshot();
        if (s.lastEventSeq() < eventCursor - 1) {
            eventCursor = 0; // a new machine: its log starts again at 0
        }
        List<TraceEvent> batch = machine.eventsSince(eventCursor, MAX_EVENTS_PER_FRAME);
        if (batch.isEmpty()) {
            return;
        }
        eventCursor = batch.get(batch.size() - 1).seq() + 1;
        for (Consumer<List<TraceEvent>> l : eventListeners) {
            l.accept(batch);
        }
    }

    /** Delivers the newest snapshot if it is new; returns whether it was. */
    boolean pump() {
        MachineSnapshot s = machine.snapshot();
        if (s.version() == lastVersion) {
            return false;
        }
        lastVersion = s.version();
        for (Consumer<MachineSnapshot> l : listeners) {
            l.accept(s);
        }
        return true;
    }
}
