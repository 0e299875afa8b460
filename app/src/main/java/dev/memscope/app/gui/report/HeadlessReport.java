package dev.memscope.app.gui.report;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestSource;
import dev.memscope.app.gui.MainWindow;
import dev.memscope.app.report.ReportBundle;
import dev.memscope.app.session.Replay;
import dev.memscope.app.wiring.Backends;
import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.VariantSwitch;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.Comparison;
import dev.memscope.emulator.session.Machine;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.compare.CompareViewModel;
import dev.memscope.views.workbench.DockLayout;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * {@code memscope report}: the main window built off screen (JavaFX must be running, on Monocle from the command
 * line), the run replayed to its stop on the window's own machine, optionally a comparison, then the same bundle as
 * File > Export bug report. Blocks: call it off the JavaFX thread.
 */
public final class HeadlessReport {
    /**
     * @param bundle the report, or null when there is nothing to report (the guest could not be loaded)
     * @param reached whether the run stopped where it was asked to
     */
    public record Made(ReportBundle bundle, boolean reached, String message) {
    }

    private HeadlessReport() {
    }

    private static final class Window {
        MainWindow main;
        Stage stage;
    }

    public static Made make(GuestCatalog catalog, GuestSource guest, SessionSetup setup, List<VariantSwitch> switches,
            StopAt stop, List<Breakpoint> breakpoints, DockLayout layout, Duration timeout, boolean compare,
            int width, int height, double scale) throws Exception {
        Machine machine = new Machine(new Backends());
        Window w = new Window();
        try {
            FxCalls.run(() -> {
                w.main = new MainWindow(catalog, machine);
                w.stage = new Stage();
                w.stage.setTitle("Memscope");
                w.stage.setScene(new Scene(w.main.root(), width, height));
                w.stage.show();
                w.main.adopt(guest, setup);
                if (layout != null) {
                    w.main.root().dock().applyDockLayout(layout);
                }
            });
            Replay.Result r = Replay.run(machine, setup, switches, stop, breakpoints, timeout);
            if (r.snapshot().position() == null) {
                return new Made(null, false, r.message());
            }
            if (compare) {
                CompareTable table = Comparison.run(setup, Arrays.asList(HoleVariant.values()),
                        List.of(setup.backend()), new Backends(), BatchRun.Limits.defaults(),
                        (done, total, running) -> {
                        }, () -> false);
                FxCalls.run(() -> {
                    Object model = w.main.root().dock().content("compare-pane").getProperties().get(PaneModel.class);
                    if (model instanceof CompareViewModel c) {
                        c.show(table);
                    }
                });
            }
            return new Made(ReportCollector.collect(w.main, scale).bundle(), r.reached(), r.message());
        } finally {
            FxCalls.run(() -> {
                if (w.main != null) {
                    w.main.stop();
                }
                if (w.stage != null) {
                    w.stage.close();
                }
            });
            machine.close();
        }
    }
}
