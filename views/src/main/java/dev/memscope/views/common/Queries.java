package dev.memscope.views.common;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.Query;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Asks the machine a question and delivers the answer on the JavaFX thread. Only the newest answer of a given asker
 * is delivered: an answer that arrives after a newer question was asked is dropped, so a slow query never overwrites
 * fresher data.
 */
public final class Queries {
    private final MachineControl machine;
    private final AtomicLong generation = new AtomicLong();

    public Queries(MachineControl machine) {
        this.machine = machine;
    }

    public <T> void ask(Query<T> query, Consumer<T> onAnswer, Consumer<Throwable> onError) {
        long mine = generation.incrementAndGet();
        machine.query(query).whenComplete((answer, error) -> Platform.runLater(() -> {
            if (generation.get() != mine) {
                return;
            }
            if (error != null) {
                onError.accept(error.getCause() != null ? error.getCause() : error);
            } else {
                onAnswer.accept(answer);
            }
        }));
    }
}
