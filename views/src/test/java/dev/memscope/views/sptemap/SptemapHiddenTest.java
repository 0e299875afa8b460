package dev.memscope.views.sptemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Query;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.gpa.PciScanFixture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The pane asks for SPTE states only while it is showing: not from a tab in the background. */
@ExtendWith(ApplicationExtension.class)
class SptemapHiddenTest {
    private final AtomicInteger queries = new AtomicInteger();
    private TabPane tabs;
    private SptemapView view;

    @Start
    void start(Stage stage) {
        FakeMachine machine = PciScanFixture.machine();
        machine.answer(Query.SpteMapRange.class, q -> {
            queries.incrementAndGet();
            return PciScanFixture.map(q.asId(), q.firstGfn(), q.pages());
        });
        view = new SptemapView(new SptemapViewModel(), machine);
        tabs = new TabPane(new Tab("Other", new Label("another pane")), new Tab("SPTE map", view));
        stage.setScene(new Scene(tabs, 800, 500));
        stage.show();
    }

    @Test
    void no_question_while_in_a_background_tab_then_one_when_shown(FxRobot robot) throws Exception {
        robot.interact(() -> view.feed().pumpNow());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.feed().showingProperty().get()).isFalse();
        assertThat(queries.get()).isZero();
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> queries.get() == 1);
        robot.interact(view::dispose);
    }
}
