package dev.memscope.views.panekit;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.views.common.PaneModel;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Feeds one pane's model from the machine, once per frame, while the pane is on screen: reads the newest snapshot,
 * hands it over if its version changed, and tells the model whether the pane is showing (its tab selected, its
 * window open), so expensive queries are asked only for a pane someone looks at. The timer runs only while the node
 * is in a scene; every listener it adds is removed by {@link #dispose()}.
 *
 * <p>Delivering a snapshot twice (if the workbench also pumps the same model) is harmless: models ignore a version
 * they have seen.
 */
public final class SnapshotFeed {
    private final MachineControl machine;
    private final Node node;
    private final PaneModel model;
    private final Consumer<Boolean> showing;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pumpNow();
        }
    };
    private final ChangeListener<Scene> sceneListener = (obs, was, is) -> updateTimer(is);
    private long lastVersion = Long.MIN_VALUE;
    private boolean lastShowing;

    public SnapshotFeed(MachineControl machine, Node node, PaneModel model, Consumer<Boolean> showing) {
        this.machine = machine;
        this.node = node;
        this.model = model;
        this.showing = showing;
        node.sceneProperty().addListener(sceneListener);
        updateTimer(node.getScene());
    }

    /** One frame's work: the showing state, then the newest snapshot if it is new. Call on the JavaFX thread. */
    public void pumpNow() {
        boolean nowShowing = isShowing(node);
        if (nowShowing != lastShowing) {
            lastShowing = nowShowing;
            showing.accept(nowShowing);
        }
        MachineSnapshot s = machine.snapshot();
        if (s.version() != lastVersion) {
            lastVersion = s.version();
            model.onSnapshot(s);
        }
    }

    public void dispose() {
        timer.stop();
        node.sceneProperty().removeListener(sceneListener);
    }

    private void updateTimer(Scene scene) {
        if (scene != null) {
            timer.start();
        } else {
            timer.stop();
        }
    }

    /** Whether the node is on screen: in a showing window, and it and every ancestor visible (tab selected). */
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
