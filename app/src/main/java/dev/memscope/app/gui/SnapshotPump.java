package dev.memscope.app.gui;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
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
    private long lastVersion = -1;

    SnapshotPump(MachineControl machine) {
        this.machine = machine;
    }

    void addListener(Consumer<MachineSnapshot> listener) {
        listeners.add(listener);
    }

    @Override
    public void handle(long now) {
        pump();
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
