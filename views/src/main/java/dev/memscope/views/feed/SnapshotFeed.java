package dev.memscope.views.feed;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.views.common.PaneModel;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Feeds one pane from the machine: once per frame, while the pane is in a scene, it reads the newest snapshot and
 * hands it to the pane's model if its version changed. The machine never waits for it (DESIGN.md, "Observation and
 * threading"). It also tells the pane whether it is showing (in a showing window and not in a hidden tab), so the
 * pane asks expensive questions only then. {@link #dispose()} removes everything it added.
 */
public final class SnapshotFeed {
    private final MachineControl machine;
    private final Node owner;
    private final PaneModel model;
    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(this, "showing", false);
    private final ChangeListener<Scene> sceneListener = (obs, was, is) -> attach(is != null);
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pumpNow();
        }
    };
    private long lastVersion = Long.MIN_VALUE;
    private boolean running;

    public SnapshotFeed(MachineControl machine, Node owner, PaneModel model) {
        this.machine = machine;
        this.owner = owner;
        this.model = model;
        owner.sceneProperty().addListener(sceneListener);
        attach(owner.getScene() != null);
    }

    /** Delivers the newest snapshot now if it is new, and updates {@link #showingProperty()}; returns whether new. */
    public boolean pumpNow() {
        showing.set(isShowing(owner));
        MachineSnapshot s = machine.snapshot();
        if (s.version() == lastVersion) {
            return false;
        }
        lastVersion = s.version();
        model.onSnapshot(s);
        return true;
    }

    public ReadOnlyBooleanProperty showingProperty() {
        return showing.getReadOnlyProperty();
    }

    public void dispose() {
        owner.sceneProperty().removeListener(sceneListener);
        attach(false);
    }

    private void attach(boolean inScene) {
        if (inScene && !running) {
            timer.start();
            running = true;
            pumpNow();
        } else if (!inScene && running) {
            timer.stop();
            running = false;
            showing.set(false);
        }
    }

    /** In a showing window, and every ancestor visible (a tab that is not selected hides its content). */
    static boolean isShowing(Node node) {
        Scene scene = node.getScene();
        Window window = scene == null ? null : scene.getWindow();
        if (window == null || !window.isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
