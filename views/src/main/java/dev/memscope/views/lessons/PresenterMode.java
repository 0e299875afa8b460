package dev.memscope.views.lessons;

import dev.memscope.views.common.Highlights;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;

/**
 * Presenter mode for a projector: a {@value Highlights#PRESENTER} style class on the window's root (large type,
 * thick highlights, see presenter.css), no menu, tool or status bar, only the step's panes, and a keyboard-only flow:
 * Right, Page Down or Space for the next step, Left, Page Up or Backspace for the previous one, Enter to check the
 * answer, Escape (or Ctrl+Shift+P, which also enters) to leave. Presentation clickers send Page Up and Page Down.
 */
public final class PresenterMode {
    /** Toggles presenter mode, from the View menu or anywhere in the window. */
    public static final KeyCombination TOGGLE = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    private final BorderPane root;
    private final LessonsViewModel model;
    private final StepStage stage;
    private final EventHandler<KeyEvent> keys = this::onKey;
    private Scene scene;

    public PresenterMode(BorderPane root, LessonsViewModel model, StepStage stage) {
        this.root = root;
        this.model = model;
        this.stage = stage;
        root.getStylesheets().add(PresenterMode.class.getResource("/dev/memscope/views/lessons/presenter.css")
                .toExternalForm());
        root.sceneProperty().subscribe(this::attach);
        model.presenterProperty().subscribe(this::apply);
    }

    private void attach(Scene next) {
        if (scene != null) {
            scene.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
        }
        scene = next;
        if (scene != null) {
            scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
        }
    }

    private void apply(boolean on) {
        if (on) {
            if (!root.getStyleClass().contains(Highlights.PRESENTER)) {
                root.getStyleClass().add(Highlights.PRESENTER);
            }
            stage.enterPresenter();
        } else {
            root.getStyleClass().remove(Highlights.PRESENTER);
            stage.leavePresenter();
        }
        for (Node bar : new Node[] {root.getTop(), root.getBottom()}) {
            if (bar != null) {
                bar.setVisible(!on);
                bar.setManaged(!on);
            }
        }
        if (model.stepProperty().get() != null) {
            stage.show(model.stepProperty().get()); // highlights redrawn at the new thickness
        }
    }

    private void onKey(KeyEvent e) {
        if (TOGGLE.match(e)) {
            model.presenterProperty().set(!model.presenterProperty().get());
            e.consume();
            return;
        }
        if (!model.presenterProperty().get()) {
            return;
        }
        boolean typing = scene.getFocusOwner() instanceof TextInputControl;
        KeyCode k = e.getCode();
        if (k == KeyCode.ESCAPE) {
            model.presenterProperty().set(false);
        } else if (k == KeyCode.RIGHT && !typing || k == KeyCode.PAGE_DOWN || k == KeyCode.SPACE && !typing) {
            model.next();
        } else if (k == KeyCode.LEFT && !typing || k == KeyCode.PAGE_UP || k == KeyCode.BACK_SPACE && !typing) {
            model.previous();
        } else if (k == KeyCode.ENTER) {
            model.check();
        } else {
            return;
        }
        e.consume();
    }
}
