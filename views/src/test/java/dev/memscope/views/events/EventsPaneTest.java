package dev.memscope.views.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.workbench.DockPane;
import dev.memscope.views.workbench.DockRegion;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class EventsPaneTest {
    private final FakeMachine machine = new FakeMachine();
    private final List<TraceEvent> scan = EventFixtures.pciScan();
    private DockPane pane;
    private EventLogView view;

    @Start
    void start(Stage stage) {
        pane = EventsPane.create(machine);
        view = (EventLogView) pane.content();
        stage.setScene(new Scene((Parent) pane.content(), 1280, 260));
        stage.sizeToScene(); // the stage is shared between tests: take this scene's size
        stage.show();
    }

    private void feed(List<TraceEvent> batch) {
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            view.model().onSnapshot(EventFixtures.snapshot(1, scan.size() - 1, EventFixtures.counters(7)));
            view.model().onEvents(batch);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private ListView<TraceEvent> list(FxRobot robot) {
        return robot.lookup("#event-list").queryAs(ListView.class);
    }

    @Test
    void the_factory_names_the_pane_and_docks_it_at_the_bottom() {
        assertThat(pane.id()).isEqualTo("events-pane");
        assertThat(pane.region()).isEqualTo(DockRegion.BOTTOM);
        assertThat(pane.content().getProperties().get(PaneModel.class)).isSameAs(view.model());
    }

    @Test
    void unticking_a_system_hides_its_events_and_the_event_type_list_follows(FxRobot robot) {
        feed(scan);
        assertThat(list(robot).getItems()).hasSize(scan.size());
        robot.clickOn("#system-kvm");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list(robot).getItems()).isNotEmpty().noneMatch(e -> e.kind().system().equals("kvm"));
        assertThat(view.model().kindsProperty().get()).doesNotContain(EventKind.KVM_EXIT)
                .contains(EventKind.KVM_MMU_SET_SPTE);
        robot.clickOn("#system-kvm");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list(robot).getItems()).hasSize(scan.size());
    }

    @Test
    void hiding_one_tracepoint_makes_its_system_box_indeterminate(FxRobot robot) {
        feed(scan);
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> view.model().kindsProperty().set(java.util.Set.copyOf(
                java.util.EnumSet.complementOf(java.util.EnumSet.of(EventKind.KVM_MMU_SET_SPTE)))));
        CheckBox kvmmmu = robot.lookup("#system-kvmmmu").queryAs(CheckBox.class);
        assertThat(kvmmmu.isIndeterminate()).isTrue();
        assertThat(robot.lookup("#system-kvm").queryAs(CheckBox.class).isSelected()).isTrue();
    }

    @Test
    void typing_a_pci_function_filters_the_log_and_a_bad_one_is_marked(FxRobot robot) {
        feed(scan);
        robot.clickOn("#filter-bdf").write("00:02.1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list(robot).getItems()).isNotEmpty().hasSizeLessThan(40)
                .allMatch(e -> new BdfPattern(0, 2, 1).equals(view.model().bdfOf(e)));
        robot.write("x");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#filter-bdf").queryAs(TextField.class).getStyleClass())
                .contains(EventStyles.INVALID);
        assertThat(list(robot).getItems()).hasSize(scan.size());
    }

    @Test
    void following_the_tail_keeps_the_newest_line_in_view(FxRobot robot) {
        feed(scan.subList(0, 20));
        feed(scan.subList(20, scan.size()));
        VirtualFlow<?> flow = (VirtualFlow<?>) list(robot).lookup(".virtual-flow");
        assertThat(flow.getLastVisibleCell().getIndex()).isEqualTo(scan.size() - 1);
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            view.model().followTailProperty().set(false);
            list(robot).scrollTo(0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(flow.getFirstVisibleCell().getIndex()).isZero();
        robot.clickOn("#follow-tail");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(flow.getLastVisibleCell().getIndex()).isEqualTo(scan.size() - 1);
    }

    @Test
    void a_disposed_view_no_longer_follows_its_model(FxRobot robot) {
        feed(scan.subList(0, 10));
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> view.dispose());
        feed(scan.subList(10, 20));
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> view.model().gfnTextProperty().set("b0012"));
        assertThat(robot.lookup("#filter-gfn").queryAs(TextField.class).getText()).isEmpty();
        assertThat(view.model().shown()).isNotEmpty();
        assertThat(list(robot).getItems()).isNull();
    }

    @Test
    void a_sequence_gap_shows_a_note(FxRobot robot) {
        Label note = robot.lookup("#gap-note").queryAs(Label.class);
        feed(scan.subList(0, 10));
        assertThat(note.isVisible()).isFalse();
        feed(scan.subList(30, 40));
        assertThat(note.isVisible()).isTrue();
        assertThat(note.getText()).contains("overwrote 20 events");
    }

    @Test
    void the_context_menu_breaks_on_the_selected_events_pci_function(FxRobot robot) {
        feed(scan);
        int mmio = scan.indexOf(scan.stream().filter(e -> e.kind() == EventKind.KVM_MMIO).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> list(robot).getSelectionModel().clearAndSelect(mmio));
        MenuItem[] item = new MenuItem[1];
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> item[0] = view.fillMenuForTest().getItems().stream()
                .filter(i -> "Break when config access to 00:00.0".equals(i.getText())).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> item[0].fire());
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.HoleHit(0, 0, 0));
    }
}
