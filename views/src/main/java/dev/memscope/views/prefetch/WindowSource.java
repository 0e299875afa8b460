package dev.memscope.views.prefetch;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.PrefetchWindow;
import dev.memscope.emulator.api.Query;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Where the Prefetch pane gets a fault's per-candidate window ({@link Query.PrefetchWindowOf}). When the machine
 * cannot explain its prefetch the answer is empty and the pane shows the {@code PrefetchDecision} summary.
 */
public interface WindowSource {
    void window(long faultSeq, Consumer<Optional<PrefetchWindow>> onAnswer, Consumer<Throwable> onError);

    /** Asks {@code machine} ({@link Query.PrefetchWindowOf}); answers on the JavaFX thread, the newest question only. */
    static WindowSource of(MachineControl machine) {
        AtomicLong generation = new AtomicLong();
        return (seq, ok, err) -> {
            long mine = generation.incrementAndGet();
            machine.query(new Query.PrefetchWindowOf(seq)).whenComplete((answer, error) -> Platform.runLater(() -> {
                if (generation.get() != mine) {
                    return;
                }
                if (error != null) {
                    err.accept(error.getCause() != null ? error.getCause() : error);
                } else {
                    ok.accept(answer == null ? Optional.empty() : answer);
                }
            }));
        };
    }
}
