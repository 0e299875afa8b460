package dev.memscope.app.gui.report;

import dev.memscope.app.gui.MainWindow;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Alert;

/**
 * What the report, session, trace and image actions share: the window, where files go, where problems are told, and
 * one background thread for the work that waits on the machine (the JavaFX thread never waits).
 */
final class ReportActions {
    private final MainWindow window;
    private UserFiles files;
    private Consumer<String> problems;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "memscope-report");
        t.setDaemon(true);
        return t;
    });

    ReportActions(MainWindow window) {
        this.window = window;
        this.files = UserFiles.dialogs(window.root());
        this.problems = message -> {
            window.model().statusProperty().set(message);
            Alert alert = new Alert(Alert.AlertType.ERROR, message);
            alert.setHeaderText(null);
            alert.initOwner(window.root().getScene() == null ? null : window.root().getScene().getWindow());
            alert.show();
        };
    }

    MainWindow window() {
        return window;
    }

    UserFiles files() {
        return files;
    }

    void setFiles(UserFiles files) {
        this.files = files;
    }

    void setProblems(Consumer<String> problems) {
        this.problems = problems;
    }

    /** Tells the user what went wrong (on the JavaFX thread). */
    void problem(String message) {
        if (Platform.isFxApplicationThread()) {
            problems.accept(message);
        } else {
            Platform.runLater(() -> problems.accept(message));
        }
    }

    void status(String message) {
        Platform.runLater(() -> window.model().statusProperty().set(message));
    }

    /** Runs {@code work} on the background thread; a failure is told to the user and fails the future. */
    <T> CompletableFuture<T> background(String what, java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                problem("Cannot " + what + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
