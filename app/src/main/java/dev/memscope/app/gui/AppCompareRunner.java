package dev.memscope.app.gui;

import dev.memscope.app.wiring.Backends;
import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.Comparison;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.views.compare.CompareRunner;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs the loaded guest under every hole variant on a thread of its own (each run has its own machine, so the
 * debugger's machine is untouched), on the backend the setup names.
 */
final class AppCompareRunner implements CompareRunner {
    private final Supplier<SessionSetup> current;

    AppCompareRunner(Supplier<SessionSetup> current) {
        this.current = current;
    }

    @Override
    public CompletableFuture<CompareTable> run(MachineSnapshot.Setup setup, Progress progress) {
        SessionSetup base = current.get();
        CompletableFuture<CompareTable> result = new CompletableFuture<>();
        if (base == null) {
            result.completeExceptionally(new IllegalStateException("no guest is loaded"));
            return result;
        }
        List<HoleVariant> variants = Arrays.asList(HoleVariant.values());
        Thread t = new Thread(() -> {
            try {
                CompareTable table = Comparison.run(base, variants, List.of(base.backend()), new Backends(),
                        BatchRun.Limits.defaults(), (done, total, running) -> progress.report(
                                total == 0 ? -1 : done / (double) total, running + " (" + Math.min(done + 1, total)
                                        + " of " + total + ")"), result::isCancelled);
                result.complete(table);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "memscope-compare");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
