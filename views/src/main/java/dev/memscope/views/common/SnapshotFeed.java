package dev.memscope.views.common;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Feeds one pane from the machine: once per frame, while the pane is in a scene, it reads the newest snapshot and
 * hands it to the pane's model if its version changed. The machine never waits for it (DESIGN.md, "Observation and
 * threading"). It also says whether the pane is showing (in a showing window and not in a hidden tab), so the pane
 * asks expensive questions only then. {@link #dispose()} removes everything it added.
 */
public final class SnapshotFeed {
    private final MachineControl machine;
    private final Node node;
    private final PaneModel model;
    private final Consumer<Boolean> onShowing;
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

    public SnapshotFeed(MachineControl machine, Node node, PaneModel model) {
        this(machine, node, model, null);
    }

    /** @param onShowing told when the pane starts or stops showing (null: only {@link #showingProperty()}) */
    public SnapshotFeed(MachineControl machine, Node node, PaneModel model, Consumer<Boolean> onShowing) {
        this.machine = machine;
        this.node = node;
        this.model = model;
        this.onShowing = onShowing;
        node.sceneProperty().addListener(sceneListener);
        attach(node.getScene() != null);
    }

    /** One frame's work: the showing state, then the newest snapshot if it is new (returns whether it was). */
    public boolean pumpNow() {
        setShowing(isShowing(node));
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
        node.sceneProperty().removeListener(sceneListener);
        attach(false);
    }

    private void setShowing(boolean now) {
        if (now != showing.get()) {
            showing.set(now);
            if (onShowing != null) {
                onShowing.accept(now);
            }
        }
    }

    private void attach(boolean inScene) {
        if (inScene && !running) {
            timer.start();
            running = true;
            pumpNow();
        } else if (!inScene && running) {
            timer.stop();
            running = false;
            setShowing(false);
        }
    }

    /** Whether the node is on screen: in a showing window, attached to its root, it and every ancestor visible. */
    public static boolean isShowing(Node node) {
        Scene scene = node.getScene();
        if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
            return false;
        }
        Node top = node;
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
            top = n;
        }
        return top == scene.getRoot();
    }
}
