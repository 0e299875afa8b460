package dev.memscope.app.gui.report;

import dev.memscope.app.gui.MainWindow;
import dev.memscope.emulator.api.Query;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets the panes catch up before a picture: delivers the newest snapshot and events, waits for frames (a pane that
 * has just come to the front finds out on its next frame and asks the machine its questions then), sends the machine
 * a question of its own (it answers in order, so when this one is answered theirs are too), and waits for the frames
 * that draw the answers; a few times over, for panes that ask again. Off the JavaFX thread.
 */
final class Settle {
    private static final int ROUNDS = 3;

    private Settle() {
    }

    static void panes(MainWindow window) throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            FxCalls.run(window::refreshNow);
            FxCalls.frames(2);
            try {
                window.machine().query(new Query.ReadMemory(0, 8)).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // No guest memory to read (no guest, a failed load): the panes have nothing to ask either.
            }
            FxCalls.frames(2);
        }
    }
}
