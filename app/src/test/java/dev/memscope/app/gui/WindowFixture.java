package dev.memscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.gui.report.ReportMenus;
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

/** The real window on the real simulated machine, for the GUI tests; problems are collected, not shown. */
public final class WindowFixture {
    public final Machine machine = new Machine(new Backends());
    public final MainWindow window;
    public final List<String> problems = new ArrayList<>();

    public WindowFixture(Stage stage) {
        window = new MainWindow(GuestCatalog.builtIn(), machine);
        stage.setScene(new Scene(window.root(), MemscopeApplication.WIDTH, MemscopeApplication.HEIGHT));
        stage.setX(0);
        stage.setY(0);
        stage.sizeToScene(); // the primary stage is shared: undo a size an earlier test left
        stage.show();
        menus().setProblems(problems::add);
    }

    public ReportMenus menus() {
        return ReportMenus.of(window);
    }

    public void close() {
        window.stop();
        machine.close();
    }

    /** Waits for the machine (the test thread polls; the machine publishes on its own thread). */
    public MachineSnapshot await(Predicate<MachineSnapshot> condition) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.test(machine.snapshot()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(2_000_000L);
        }
        assertThat(condition.test(machine.snapshot())).as("machine: " + machine.snapshot().stopReason()).isTrue();
        return machine.snapshot();
    }

    /** Picks a catalog guest in the toolbar and runs the machine to {@code stop}. */
    public MachineSnapshot stopAt(String guest, StopAt stop) {
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> window.model().selectedGuestProperty().set(window.model()
                .guests().stream().filter(g -> g.name().equals(guest)).findFirst().orElseThrow()));
        MachineSnapshot ready = await(s -> s.state() == RunState.READY && s.setup().guest().equals(guest));
        machine.runTo(stop);
        MachineSnapshot stopped = await(s -> s.version() > ready.version() && s.state() != RunState.RUNNING);
        WaitForAsyncUtils.waitForAsyncFx(5000, window::refreshNow); // the panes and status bar show the stop
        return stopped;
    }
}
