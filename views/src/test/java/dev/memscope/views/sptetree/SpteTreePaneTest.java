package dev.memscope.views.sptetree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.SpteTree;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.panekit.PaneShots;
import dev.memscope.views.panekit.PciScanFixture;
import dev.memscope.views.workbench.DockPane;
import java.util.concurrent.atomic.AtomicReference;
import dev.memscope.views.common.PaneModel;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SpteTreePaneTest {
    private final FakeMachine machine = new FakeMachine();
    private final AtomicReference<SpteTree> tree = new AtomicReference<>();
    private DockPane pane;

    @Start
    void start(Stage stage) {
        machine.answer(Query.SpteTables.class, q -> tree.get());
        pane = SpteTreePane.create(machine);
        // the centre dock of a 1280x800 window with the bottom dock open
        stage.setScene(new Scene(new StackPane(pane.content()), 640, 460));
        stage.show();
    }

    /** Two stops: before the MAP phase of the fault on 00:05.0, and after it. */
    @BeforeEach
    void twoStops() {
        tree.set(PciScanFixture.spteTree(false)); // the answer first: the pane's own timer may ask at once
        machine.snapshot = PciScanFixture.snapshot(5);
        PaneShots.pump(pane.content());
        tree.set(PciScanFixture.spteTree(true));
        machine.snapshot = PciScanFixture.snapshot(6);
        PaneShots.pump(pane.content());
    }

    @Test
    void the_pane_has_its_id_and_reveals_the_spte_written_since_the_previous_stop(FxRobot robot) {
        assertThat(pane.id()).isEqualTo("sptetree-pane");
        TreeTableView<SpteRow> table = table(robot);
        TreeItem<SpteRow> selected = table.getSelectionModel().getSelectedItem();
        assertThat(selected).isNotNull();
        assertThat(selected.getValue().gfn()).isEqualTo(0xB0028);
        assertThat(selected.getValue().changed()).isTrue();
        assertThat(robot.lookup("#sptetree-status").queryLabeled().getText()).contains("1 changed");
    }

    @Test
    void empty_entries_are_hidden_until_the_toggle_shows_them(FxRobot robot) {
        TreeTableView<SpteRow> table = table(robot);
        assertThat(table.getRoot().getChildren()).hasSize(1);
        robot.clickOn("#sptetree-show-empty");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getRoot().getChildren()).hasSize(512);
        assertThat(table.getSelectionModel().getSelectedItem()).isNull();
    }

    @Test
    void break_when_this_spte_changes_from_the_context_menu(FxRobot robot) {
        TreeTableView<SpteRow> table = table(robot);
        int row = table.getSelectionModel().getSelectedIndex();
        SpteTreeRowCell cell = robot.lookup(".sptetree-row").queryAllAs(SpteTreeRowCell.class).stream()
                .filter(r -> r.getIndex() == row).findFirst().orElseThrow();
        PaneShots.openContextMenu(robot, cell);
        robot.clickOn("#sptetree-break-spte");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(machine.breakpoints()).containsExactly(new Breakpoint.SpteChange(0xB0028));
    }

    @Test
    void dispose_removes_what_the_view_added_to_the_model(FxRobot robot) {
        SpteTreeView view = (SpteTreeView) pane.content();
        SpteTreeViewModel model = (SpteTreeViewModel) view.getProperties().get(PaneModel.class);
        TreeTableView<SpteRow> table = table(robot);
        WaitForAsyncUtils.waitForAsyncFx(2000, view::dispose);
        WaitForAsyncUtils.waitForAsyncFx(2000, () -> model.showEmptyProperty().set(true));
        assertThat(table.getRoot()).isNull();
        assertThat(robot.lookup("#sptetree-show-empty").queryAs(CheckBox.class).isSelected()).isFalse();
    }

    @Test
    void on_real_kvm_the_pane_says_the_kernel_does_not_expose_its_sptes(FxRobot robot) {
        machine.snapshot = PciScanFixture.realKvmSnapshot(7);
        PaneShots.pump(pane.content());
        assertThat(robot.lookup("#sptetree-message").queryLabeled().getText()).contains("kernel does not expose");
        assertThat(robot.lookup("#sptetree-table").query().isVisible()).isFalse();
        PaneShots.write(pane.content(), "sptetree-real-kvm");
    }

    @Test
    void picture_at_the_centre_dock_size() {
        int colours = PaneShots.write(pane.content(), "sptetree");
        assertThat(colours).isGreaterThan(20);
    }

    @Test
    void a_lesson_highlight_opens_the_way_to_the_spte_and_marks_its_row(FxRobot robot) {
        robot.interact(() -> dev.memscope.views.common.HighlightTarget.of(pane.content()).orElseThrow()
                .showHighlights(java.util.List.of(new dev.memscope.emulator.api.Highlight.Spte(0xB0010))));
        WaitForAsyncUtils.waitForFxEvents();
        var lit = robot.lookup(".sptetree-row").queryAllAs(SpteTreeRowCell.class).stream()
                .filter(r -> r.getPseudoClassStates().contains(dev.memscope.views.common.Highlights.PSEUDO_CLASS))
                .toList();
        assertThat(lit).singleElement().satisfies(r -> {
            assertThat(r.getItem().gfn()).isEqualTo(0xB0010);
            assertThat(r.getItem().kind()).isEqualTo(SpteKind.MMIO);
        });
        robot.interact(() -> dev.memscope.views.common.HighlightTarget.of(pane.content()).orElseThrow()
                .showHighlights(java.util.List.of()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".sptetree-row").queryAllAs(SpteTreeRowCell.class)).noneMatch(r -> r
                .getPseudoClassStates().contains(dev.memscope.views.common.Highlights.PSEUDO_CLASS));
    }

    private static TreeTableView<SpteRow> table(FxRobot robot) {
        return robot.lookup("#sptetree-table").query();
    }
}
