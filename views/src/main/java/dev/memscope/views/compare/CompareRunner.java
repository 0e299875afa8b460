package dev.memscope.views.compare;

import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.MachineSnapshot;
import java.util.concurrent.CompletableFuture;

/**
 * How the pane gets a comparison: the app runs the current guest under every hole variant (and backend) off the
 * JavaFX thread, reports progress from any thread, and completes the future with the table. Cancelling the future
 * asks the app to stop early; it may finish the run in progress.
 */
@FunctionalInterface
public interface CompareRunner {
    CompletableFuture<CompareTable> run(MachineSnapshot.Setup setup, Progress progress);

    /** Progress reports, from any thread, as often as convenient (the pane shows at most one per frame). */
    @FunctionalInterface
    interface Progress {
        /**
         * @param fraction 0 to 1, or negative when unknown
         * @param message what is running now, such as "allones on kvm (3 of 10)"
         */
        void report(double fraction, String message);
    }
}
