package dev.memscope.views.panekit;

import dev.memscope.emulator.api.Query;
import java.util.function.Consumer;

/**
 * How a view model asks the machine an expensive question. In the application it is
 * {@code new Queries(machine)::ask} (answers on the JavaFX thread, stale ones dropped); in unit tests it answers at
 * once or when the test says, with no window and no toolkit.
 */
public interface Asker {
    <T> void ask(Query<T> query, Consumer<T> onAnswer, Consumer<Throwable> onError);
}
