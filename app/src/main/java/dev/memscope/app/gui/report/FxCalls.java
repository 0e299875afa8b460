package dev.memscope.app.gui.report;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/** Runs work on the JavaFX thread from another thread and waits for its result. */
final class FxCalls {
    private static final long TIMEOUT_SECONDS = 60;

    private FxCalls() {
    }

    static <T> T call(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the JavaFX thread did not answer within " + TIMEOUT_SECONDS + " s");
        }
    }

    /** Waits until JavaFX has drawn {@code n} more frames (so every pane's per-frame timer has run since). */
    static void frames(int n) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> new AnimationTimer() {
            private int left = n;

            @Override
            public void handle(long now) {
                if (--left <= 0) {
                    stop();
                    done.complete(null);
                }
            }
        }.start());
        try {
            done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("JavaFX drew no frame within " + TIMEOUT_SECONDS + " s");
        }
    }

    static void run(Runnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }
}
