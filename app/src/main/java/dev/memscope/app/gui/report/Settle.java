package dev.memscope.app.gui.report;

import dev.memscope.app.gui.MainWindow;
import dev.memscope.emulator.api.Query;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets the panes catch up before a picture: delivers the newest snapshot and events, then lets the panes ask the
 * machine their questions and receive the answers (the machine answers queries in order, so one more round trip
 * means theirs are in), a few times over. Off the JavaFX thread.
 */
final class Settle {
    private static final int ROUNDS = 3;

    private Settle() {
    }

    static void panes(MainWindow window) throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            FxCalls.run(window::refreshNow);
            try {
                window.machine().query(new Query.ReadMemory(0, 8)).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // No guest memory to read (no guest, a failed load): the panes have nothing to ask either.
            }
            FxCalls.run(() -> {
            });
        }
    }
}
