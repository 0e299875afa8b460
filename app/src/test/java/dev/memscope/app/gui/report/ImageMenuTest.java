package dev.memscope.app.gui.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.app.gui.WindowFixture;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.views.image.NodeImages;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Copy as image and Save as PNG: on every pane's tab, in the File menu, and by shortcut. */
@ExtendWith(ApplicationExtension.class)
class ImageMenuTest {
    private WindowFixture fx;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private List<String> fileMenuIds() {
        MenuBar bar = (MenuBar) fx.window.root().lookup("#menu-bar");
        return bar.getMenus().get(0).getItems().stream().map(MenuItem::getId).filter(id -> id != null).toList();
    }

    @Test
    void the_file_menu_has_the_session_report_trace_and_image_items_before_quit() {
        assertThat(fileMenuIds()).containsSubsequence("menu-open-guest", "menu-open-session", "menu-save-session",
                "menu-export-report", "menu-export-trace-text", "menu-export-trace-perfetto", "menu-copy-pane",
                "menu-save-pane", "menu-copy-window", "menu-save-window");
        MenuBar bar = (MenuBar) fx.window.root().lookup("#menu-bar");
        List<MenuItem> items = bar.getMenus().get(0).getItems();
        assertThat(items.get(items.size() - 1).getText()).isEqualTo("_Quit");
    }

    @Test
    void every_pane_tab_has_copy_as_image_and_save_as_png(FxRobot robot) throws Exception {
        for (String id : fx.window.root().dock().paneIds()) {
            ContextMenu menu = WaitForAsyncUtils.asyncFx(() -> {
                for (String region : List.of("#dock-left", "#dock-center", "#dock-right", "#dock-bottom")) {
                    var stack = (TabPane) fx.window.root().lookup(region);
                    if (stack != null) {
                        for (var tab : stack.getTabs()) {
                            if (tab.getId().equals("tab-" + id)) {
                                return tab.getContextMenu();
                            }
                        }
                    }
                }
                return null;
            }).get();
            assertThat(menu).as(id).isNotNull();
            assertThat(menu.getItems()).extracting(MenuItem::getId).containsExactly("ctx-copy-" + id,
                    "ctx-save-" + id);
        }
    }

    @Test
    void save_as_png_writes_the_pane_with_its_legend_at_its_size(FxRobot robot) throws Exception {
        fx.stopAt("pci-scan", StopAt.parse("fault:2"));
        Path png = dir.resolve("memslots.png");
        fx.menus().setUserFiles(new FixedFiles(png));
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> fx.menus().images.save("memslots-pane"));
        Bounds b = WaitForAsyncUtils.asyncFx(() -> fx.window.root().dock().content("memslots-pane")
                .getLayoutBounds()).get();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo((int) Math.ceil(b.getWidth()));
        assertThat(image.getHeight()).isEqualTo((int) Math.ceil(b.getHeight()));
        assertThat(fx.window.model().statusProperty().get()).isEqualTo("Saved the Memslots pane to " + png);
        // The legend sits at the pane's bottom-left in the view: the picture is the whole content node, legend too.
        assertThat(robot.lookup("#memslots-pane .legend").tryQuery()).isPresent();
    }

    @Test
    void the_shortcut_copies_the_pane_in_front_and_another_the_window(FxRobot robot) throws Exception {
        fx.stopAt("hello", new StopAt.Instructions(3));
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> fx.window.root().dock().select("compare-pane"));
        robot.clickOn("#compare-pane");
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        Image copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getImage()).get();
        Bounds b = WaitForAsyncUtils.asyncFx(() -> fx.window.root().dock().content("compare-pane")
                .getLayoutBounds()).get();
        assertThat(copied).isNotNull();
        assertThat(copied.getWidth()).isEqualTo(Math.ceil(b.getWidth()));
        assertThat(fx.window.model().statusProperty().get()).isEqualTo("Copied the Compare pane as an image");

        robot.push(KeyCode.CONTROL, KeyCode.ALT, KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        Image window = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getImage()).get();
        assertThat(window.getWidth()).isEqualTo(1280);
        assertThat(window.getHeight()).isEqualTo(800);
        assertThat(NodeImages.distinctColours(new WritableImage(window.getPixelReader(), 1280, 800), 64))
                .isGreaterThan(16);
    }

    /** Answers every file dialog with one path. */
    private record FixedFiles(Path path) implements UserFiles {
        @Override
        public Path save(String title, String suggestedName, String description, String pattern) {
            return path;
        }

        @Override
        public Path open(String title, String description, String pattern) {
            return path;
        }
    }
}
