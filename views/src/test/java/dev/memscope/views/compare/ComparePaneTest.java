package dev.memscope.views.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ComparePaneTest {
    private final CompletableFuture<CompareTable> answer = new CompletableFuture<>();
    private final AtomicReference<CompareRunner.Progress> progress = new AtomicReference<>();
    private DockPane pane;
    private CompareView view;

    @Start
    void start(Stage stage) {
        pane = ComparePane.create(new FakeMachine(), (setup, p) -> {
            progress.set(p);
            return answer;
        });
        view = (CompareView) pane.content();
        stage.setScene(new Scene((Parent) view, 900, 520));
        stage.sizeToScene(); // the stage is shared between tests: take this scene's size
        stage.show();
    }

    @Test
    void the_factory_names_the_pane_and_docks_it_in_the_centre() {
        assertThat(pane.id()).isEqualTo("compare-pane");
        assertThat(pane.region()).isEqualTo(DockRegion.CENTER);
    }

    @Test
    void run_shows_progress_until_the_table_arrives_and_then_fills_table_and_charts(FxRobot robot) {
        Button run = robot.lookup("#compare-run").queryAs(Button.class);
        assertThat(run.isDisabled()).isTrue(); // no guest yet
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> view.model().onSnapshot(
                CompareFixtures.snapshot("pci-scan", HoleVariant.ALLONES)));
        assertThat(run.isDisabled()).isFalse();
        robot.clickOn("#compare-run");
        WaitForAsyncUtils.waitForFxEvents();
        Node indicator = robot.lookup("#compare-progress").query();
        assertThat(indicator.isVisible()).isTrue();
        assertThat(run.isDisabled()).isTrue();
        progress.get().report(0.5, "pci-hole on sim (7 of 10)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#compare-message").queryLabeled().getText()).isEqualTo("pci-hole on sim (7 of 10)");

        answer.complete(CompareFixtures.both()); // completes off the FX thread, as the app's runner does
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(indicator.isVisible()).isFalse();
        TableView<?> table = robot.lookup("#compare-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(16);
        assertThat(table.getColumns()).hasSize(6); // the metric, then five variants of two runs each
        assertThat(robot.lookup("#chart-exits").tryQuery()).isPresent();
        assertThat(robot.lookup("#chart-memory").tryQuery()).isPresent();
        assertThat(robot.lookup("#chart-time").tryQuery()).isPresent();
        assertThat(robot.lookup(".table-cell." + CompareStyles.DIFFERS).queryAll()).isNotEmpty();
        assertThat(robot.lookup("#compare-differences .label").queryLabeled().getText()).contains("model 87, kernel 89");
    }

    @Test
    void a_disposed_view_no_longer_follows_its_model(FxRobot robot) {
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            view.dispose();
            view.model().show(CompareFixtures.both());
        });
        assertThat(robot.lookup("#compare-table").queryAs(TableView.class).getColumns()).isEmpty();
        assertThat(robot.lookup("#compare-charts").tryQuery()).isEmpty(); // no chart area appeared
    }

    @Test
    void cancel_stops_waiting(FxRobot robot) {
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> view.model().onSnapshot(
                CompareFixtures.snapshot("pci-scan", HoleVariant.ALLONES)));
        robot.clickOn("#compare-run");
        robot.clickOn("#compare-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(answer.isCancelled()).isTrue();
        assertThat(robot.lookup("#compare-progress").query().isVisible()).isFalse();
        assertThat(robot.lookup("#compare-run").queryAs(Button.class).isDisabled()).isFalse();
    }
}
