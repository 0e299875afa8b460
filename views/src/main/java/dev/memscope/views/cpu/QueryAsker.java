package dev.memscope.views.cpu;

import dev.memscope.emulator.api.Query;
import java.util.function.Consumer;

/**
 * How the view model asks the machine a question: {@code new Queries(machine)::ask} in the app (answers on the
 * JavaFX thread, stale ones dropped), a synchronous stand-in in unit tests.
 */
@FunctionalInterface
public interface QueryAsker {
    <T> void ask(Query<T> query, Consumer<T> onAnswer, Consumer<Throwable> onError);
}
