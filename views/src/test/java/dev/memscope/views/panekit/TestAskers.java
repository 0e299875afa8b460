package dev.memscope.views.panekit;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Askers for view-model tests: one answers at once from a machine, one keeps questions for the test to answer. */
public final class TestAskers {
    private TestAskers() {
    }

    /** Answers from {@code machine} on the caller's thread, as soon as asked. */
    public static Asker direct(MachineControl machine) {
        return new Asker() {
            @Override
            public <T> void ask(Query<T> query, Consumer<T> onAnswer, Consumer<Throwable> onError) {
                machine.query(query).whenComplete((answer, error) -> {
                    if (error != null) {
                        onError.accept(error);
                    } else {
                        onAnswer.accept(answer);
                    }
                });
            }
        };
    }

    /** Keeps every question; {@link #answer} delivers one. */
    public static final class Recording implements Asker {
        public record Asked(Query<?> query, Consumer<Object> onAnswer, Consumer<Throwable> onError) {
        }

        public final List<Asked> asked = new ArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public <T> void ask(Query<T> query, Consumer<T> onAnswer, Consumer<Throwable> onError) {
            asked.add(new Asked(query, (Consumer<Object>) onAnswer, onError));
        }

        public void answer(int index, Object value) {
            asked.get(index).onAnswer().accept(value);
        }
    }
}
