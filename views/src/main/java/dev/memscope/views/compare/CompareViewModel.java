package dev.memscope.views.compare;

import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.views.common.PaneModel;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Compare pane's state: the last comparison laid out for the table and charts, whether one is running and how
 * far, and whether the table still describes the guest the machine runs. Runs go through the app's
 * {@link CompareRunner}; answers come back through {@code fx} (Platform::runLater in the app, direct in tests).
 */
public final class CompareViewModel implements PaneModel {
    private final CompareRunner runner;
    private final Executor fx;
    private static final String PROMPT = "\u201cRun comparison\u201d runs ";
    private final ReadOnlyObjectWrapper<CompareTable> table = new ReadOnlyObjectWrapper<>(this, "table");
    private final ReadOnlyObjectWrapper<List<CompareColumn>> columns = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<CompareRow>> rows = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<ChartSpec>> charts = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(this, "canRun");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private static final String LOAD_A_GUEST = "Load a guest, then run it under every hole variant.";
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", LOAD_A_GUEST);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final AtomicReference<double[]> pendingFraction = new AtomicReference<>();
    private final AtomicReference<String> pendingMessage = new AtomicReference<>();
    private final AtomicBoolean progressPosted = new AtomicBoolean();
    private MachineSnapshot.Setup setup;
    private CompletableFuture<CompareTable> inFlight;

    public CompareViewModel(CompareRunner runner, Executor fx) {
        this.runner = runner;
        this.fx = fx;
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        boolean changed = !java.util.Objects.equals(setup, s.setup());
        setup = s.setup();
        canRun.set(setup != null && !running.get());
        if (changed && table.get() != null) {
            relayout(table.get());
        }
        if (table.get() == null && !running.get() && (message.get().equals(LOAD_A_GUEST)
                || message.get().startsWith(PROMPT))) {
            message.set(setup == null ? LOAD_A_GUEST : PROMPT + setup.guest() + " under every hole variant.");
        }
    }

    /** Runs the current guest under every variant (the app decides which backends); ignored while one runs. */
    public void runComparison() {
        if (setup == null || running.get()) {
            return;
        }
        running.set(true);
        canRun.set(false);
        progress.set(-1);
        message.set("Running " + setup.guest() + " under each hole variant\u2026");
        CompletableFuture<CompareTable> future = runner.run(setup, this::reportProgress);
        inFlight = future;
        future.whenComplete((t, error) -> fx.execute(() -> finish(future, t, error)));
    }

    /** Asks the app to stop the comparison in progress. */
    public void cancel() {
        if (inFlight != null) {
            inFlight.cancel(true);
        }
    }

    /** Shows a table that was computed elsewhere (a saved session, the command line's JSON). */
    public void show(CompareTable t) {
        table.set(t);
        relayout(t);
        message.set("");
    }

    private void reportProgress(double fraction, String text) {
        pendingFraction.set(new double[] {fraction});
        pendingMessage.set(text);
        if (progressPosted.compareAndSet(false, true)) { // at most one hop to the FX thread in flight
            fx.execute(() -> {
                progressPosted.set(false);
                if (running.get()) {
                    progress.set(pendingFraction.get()[0] < 0 ? -1 : Math.min(1, pendingFraction.get()[0]));
                    message.set(pendingMessage.get());
                }
            });
        }
    }

    private void finish(CompletableFuture<CompareTable> future, CompareTable t, Throwable error) {
        if (future != inFlight) {
            return;
        }
        inFlight = null;
        running.set(false);
        canRun.set(setup != null);
        progress.set(-1);
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException) {
            message.set("Comparison cancelled.");
        } else if (cause != null) {
            message.set("The comparison failed: " + cause.getMessage());
        } else {
            show(t);
        }
    }

    private void relayout(CompareTable t) {
        columns.set(CompareLayout.columns(t, setup));
        rows.set(CompareLayout.rows(t));
        charts.set(CompareLayout.charts(t));
        StringBuilder sb = new StringBuilder(t.guest()).append(": ")
                .append(t.consoleIdentical() ? "same console output in all " + t.columns().stream()
                        .filter(CompareTable.Column::supported).count() + " runs"
                        : "console output DIFFERS between runs");
        if (setup != null && !setup.guest().equals(t.guest())) {
            sb.append(" \u00b7 the machine now runs ").append(setup.guest()).append(": run the comparison again");
        }
        summary.set(sb.toString());
    }

    public ReadOnlyObjectProperty<CompareTable> tableProperty() {
        return table.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<CompareColumn>> columnsProperty() {
        return columns.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<CompareRow>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<ChartSpec>> chartsProperty() {
        return charts.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    /** 0 to 1, or -1 (indeterminate) while the runner has not said. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The table's guest and whether every run's console was identical; empty before the first table. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The findings of the last table, one line each. */
    public List<String> differences() {
        return table.get() == null ? List.of() : table.get().differences();
    }
}
