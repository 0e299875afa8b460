package dev.memscope.views.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DockTest {
    private Workbench workbench;

    @Start
    void start(Stage stage) {
        workbench = new Workbench(new WorkbenchViewModel());
        workbench.addPane(new DockPane("alpha", "Alpha", new Label("a"), DockRegion.CENTER));
        workbench.addPane(new DockPane("beta", "Beta", new Label("b"), DockRegion.BOTTOM));
        workbench.addPane(new DockPane("gamma", "Gamma", new Label("g"), DockRegion.CENTER));
        stage.setScene(new Scene(workbench, 800, 600));
        stage.show();
    }

    @Test
    void hiding_a_pane_from_the_view_menu_removes_its_tab_and_showing_it_brings_it_back(FxRobot robot) {
        TabPane bottom = robot.lookup("#dock-bottom").queryAs(TabPane.class);
        assertThat(bottom.getTabs()).hasSize(1);
        CheckMenuItem item = findViewItem("view-beta");
        assertThat(item).isNotNull();
        WaitForAsyncUtils.waitForAsyncFx(2000, () -> item.setSelected(false));
        assertThat(bottom.getTabs()).isEmpty();
        assertThat(robot.lookup("#dock-bottom").tryQuery()).isEmpty(); // an empty stack takes no room
        WaitForAsyncUtils.waitForAsyncFx(2000, () -> item.setSelected(true));
        assertThat(bottom.getTabs()).extracting(t -> t.getText()).containsExactly("Beta");
    }

    @Test
    void a_pane_id_is_unique() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workbench.dock()
                .add(new DockPane("alpha", "Again", new Label(), DockRegion.LEFT)))
                .hasMessageContaining("already docked");
    }

    @Test
    void a_layout_read_from_the_dock_and_applied_to_it_restores_shown_panes_and_front_tabs() throws Exception {
        Dock dock = workbench.dock();
        DockLayout initial = WaitForAsyncUtils.asyncFx(dock::dockLayout).get();
        assertThat(initial.visible()).containsExactly("alpha", "beta", "gamma");
        assertThat(initial.selected()).containsEntry(DockRegion.CENTER, "alpha").containsEntry(DockRegion.BOTTOM,
                "beta");
        DockLayout wanted = new DockLayout(java.util.List.of("alpha", "gamma"),
                java.util.Map.of(DockRegion.CENTER, "gamma"));
        WaitForAsyncUtils.waitForAsyncFx(2000, () -> dock.applyDockLayout(wanted));
        assertThat(WaitForAsyncUtils.asyncFx(dock::dockLayout).get()).isEqualTo(wanted);
        WaitForAsyncUtils.waitForAsyncFx(2000, () -> dock.applyDockLayout(initial));
        assertThat(WaitForAsyncUtils.asyncFx(dock::dockLayout).get()).isEqualTo(initial);
    }

    private CheckMenuItem findViewItem(String id) {
        var bar = (javafx.scene.control.MenuBar) workbench.lookup("#menu-bar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId()))
                .map(CheckMenuItem.class::cast).findFirst().orElse(null);
    }
}
