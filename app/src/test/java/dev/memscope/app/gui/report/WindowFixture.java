package dev.memscope.app.gui.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.gui.MainWindow;
import dev.memscope.app.gui.MemscopeApplication;
import dev.memscope.app.wiring.Backends;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.session.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on the real simulated machine, for the report tests; problems are collected, not shown. */
final class WindowFixture {
    final Machine machine = new Machine(new Backends());
    final MainWindow window;
    final List<String> problems = new ArrayList<>();

    WindowFixture(Stage stage) {
        window = new MainWindow(GuestCatalog.builtIn(), machine);
        stage.setScene(new Scene(window.root(), MemscopeApplication.WIDTH, MemscopeApplication.HEIGHT));
        stage.setX(0);
        stage.setY(0);
        stage.show();
        menus().setProblems(problems::add);
    }

    ReportMenus menus() {
        return ReportMenus.of(window);
    }

    void close() {
        window.stop();
        machine.close();
    }

    /** Waits for the machine (the test thread polls; the machine publishes on its own thread). */
    MachineSnapshot await(Predicate<MachineSnapshot> condition) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.test(machine.snapshot()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(2_000_000L);
        }
        assertThat(condition.test(machine.snapshot())).as("machine: " + machine.snapshot().stopReason()).isTrue();
        return machine.snapshot();
    }

    /** Picks a catalog guest in the toolbar and runs the machine to {@code stop}. */
    MachineSnapshot stopAt(String guest, StopAt stop) {
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> window.model().selectedGuestProperty().set(window.model()
                .guests().stream().filter(g -> g.name().equals(guest)).findFirst().orElseThrow()));
        MachineSnapshot ready = await(s -> s.state() == RunState.READY && s.setup().guest().equals(guest));
        machine.runTo(stop);
        MachineSnapshot stopped = await(s -> s.version() > ready.version() && s.state() != RunState.RUNNING);
        WaitForAsyncUtils.waitForAsyncFx(5000, window::refreshNow); // the panes and status bar show the stop
        return stopped;
    }
}
