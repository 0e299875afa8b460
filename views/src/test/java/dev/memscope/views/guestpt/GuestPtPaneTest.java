package dev.memscope.views.guestpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.GuestTables;
import dev.memscope.emulator.api.GuestWalk;
import dev.memscope.emulator.api.Query;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.panekit.GuestTablesFixture;
import dev.memscope.views.panekit.PaneShots;
import dev.memscope.views.panekit.PciScanFixture;
import dev.memscope.views.workbench.DockPane;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
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
class GuestPtPaneTest {
    private final FakeMachine machine = new FakeMachine();
    private final AtomicReference<GuestTables> tables = new AtomicReference<>();
    private DockPane pane;

    @Start
    void start(Stage stage) {
        machine.answer(Query.GuestPageTables.class, q -> tables.get());
        machine.answer(Query.TranslateGva.class, q -> GuestTablesFixture.walk(q.gva()));
        pane = GuestPtPane.create(machine);
        // the right dock of a 1280x800 window (left dock empty, bottom dock open)
        stage.setScene(new Scene(new StackPane(pane.content()), 384, 600));
        stage.show();
    }

    /** The stop before the scan's first ECAM access, then the stop at it. */
    @BeforeEach
    void twoStops() {
        tables.set(GuestTablesFixture.tables(false)); // the answer first: the pane's own timer may ask at once
        machine.snapshot = PciScanFixture.snapshot(7);
        PaneShots.pump(pane.content());
        tables.set(GuestTablesFixture.tables(true));
        machine.snapshot = PciScanFixture.snapshot(8);
        PaneShots.pump(pane.content());
    }

    @Test
    void the_entries_whose_accessed_bit_the_walk_set_are_revealed(FxRobot robot) {
        assertThat(pane.id()).isEqualTo("guestpt-pane");
        TreeTableView<GuestPtRow> table = robot.lookup("#guestpt-table").query();
        TreeItem<GuestPtRow> pml4e = table.getRoot().getChildren().get(0);
        assertThat(pml4e.isExpanded()).isTrue();
        TreeItem<GuestPtRow> pdpte = pml4e.getChildren().get(1);
        assertThat(pdpte.getValue().adChanged()).isTrue();
        assertThat(pdpte.isExpanded()).isTrue();
        assertThat(pml4e.getChildren().get(0).isExpanded()).isFalse(); // nothing changed under the RAM PDPTE
        assertThat(robot.lookup("#guestpt-status").queryLabeled().getText()).contains("2 A/D changes");
    }

    @Test
    void typing_a_gva_and_walking_shows_each_level(FxRobot robot) {
        robot.clickOn("#guestpt-gva").write("0xb0028000").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<GuestWalk.Step> steps = robot.lookup("#guestpt-walk").query();
        assertThat(steps.getItems()).extracting(GuestWalk.Step::level).containsExactly(4, 3, 2);
        assertThat(robot.lookup("#guestpt-walk-result").queryLabeled().getText())
                .isEqualTo("0xb0028000 \u2192 gpa 0xb0028000 (2M page)");
    }

    @Test
    void translate_this_gva_from_a_row_menu(FxRobot robot) {
        TreeTableView<GuestPtRow> table = robot.lookup("#guestpt-table").query();
        TreeItem<GuestPtRow> ecamPde = table.getRoot().getChildren().get(0).getChildren().get(1).getChildren().get(0);
        int index = table.getRow(ecamPde);
        GuestPtCells.Row row = robot.lookup(".guestpt-row").queryAllAs(GuestPtCells.Row.class).stream()
                .filter(r -> r.getIndex() == index).findFirst().orElseThrow();
        PaneShots.openContextMenu(robot, row);
        MenuItem item = row.getContextMenu().getItems().get(0);
        assertThat(item.getId()).isEqualTo("guestpt-translate-row");
        robot.clickOn("#guestpt-translate-row");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#guestpt-gva").queryTextInputControl().getText()).isEqualTo("0xb0000000");
        assertThat(robot.lookup("#guestpt-walk").queryListView().getItems()).hasSize(3);
    }

    @Test
    void picture_at_the_right_dock_size(FxRobot robot) {
        robot.clickOn("#guestpt-gva").write("0xb0028000").type(KeyCode.ENTER);
        int colours = PaneShots.write(pane.content(), "guestpt");
        assertThat(colours).isGreaterThan(20);
    }
}
