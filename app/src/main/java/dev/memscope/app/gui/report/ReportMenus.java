package dev.memscope.app.gui.report;

import dev.memscope.app.gui.MainWindow;
import dev.memscope.app.gui.report.ExportActions.TraceFormat;
import dev.memscope.views.workbench.Dock;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The menu items of issue 8, installed in one place: in the File menu (before Quit) the session, bug-report, trace and
 * image items; on each pane's tab a context menu with Copy as image and Save as PNG.
 */
public final class ReportMenus {
    static final KeyCombination COPY_PANE = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCombination SAVE_PANE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCombination COPY_WINDOW = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.ALT_DOWN);
    static final KeyCombination SAVE_WINDOW = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.ALT_DOWN);

    private final ReportActions actions;
    final SessionActions sessions;
    final ExportActions exports;
    final ImageActions images;

    private ReportMenus(MainWindow window) {
        actions = new ReportActions(window);
        sessions = new SessionActions(actions);
        exports = new ExportActions(actions);
        images = new ImageActions(actions);
    }

    /** Adds the items to the window's menus and pane tabs. */
    public static void install(MainWindow window) {
        ReportMenus menus = new ReportMenus(window);
        window.root().getProperties().put(ReportMenus.class, menus);
        Menu file = window.root().fileMenu();
        int quit = file.getItems().size() - 1;
        file.getItems().addAll(Math.max(0, quit), List.of(new SeparatorMenuItem(),
                item("menu-open-session", "Open _session...", shortcut(KeyCode.O, KeyCombination.SHIFT_DOWN),
                        menus.sessions::askAndOpen),
                item("menu-save-session", "Sa_ve session...", shortcut(KeyCode.S), menus.sessions::askAndSave),
                new SeparatorMenuItem(),
                item("menu-export-report", "Export _bug report...", shortcut(KeyCode.E, KeyCombination.SHIFT_DOWN),
                        menus.exports::askAndExportReport),
                item("menu-export-trace-text", "Export trace as te_xt...", null,
                        () -> menus.exports.askAndExportTrace(TraceFormat.TEXT)),
                item("menu-export-trace-perfetto", "Export trace as _Perfetto JSON...", null,
                        () -> menus.exports.askAndExportTrace(TraceFormat.PERFETTO)),
                new SeparatorMenuItem(),
                item("menu-copy-pane", "_Copy pane as image", COPY_PANE,
                        () -> menus.paneOrNothing(menus.images::copy)),
                item("menu-save-pane", "Save pane as PN_G...", SAVE_PANE,
                        () -> menus.paneOrNothing(menus.images::save)),
                item("menu-copy-window", "Copy _window as image", COPY_WINDOW, () -> menus.images.copy(null)),
                item("menu-save-window", "Save window as PNG...", SAVE_WINDOW, () -> menus.images.save(null)),
                new SeparatorMenuItem()));
        Dock dock = window.root().dock();
        for (String id : dock.paneIds()) {
            // No accelerators here: a context menu's would be bound to its own pane, whatever pane is in use.
            ContextMenu menu = new ContextMenu(
                    item("ctx-copy-" + id, "Copy as image", null, () -> menus.images.copy(id)),
                    item("ctx-save-" + id, "Save as PNG...", null, () -> menus.images.save(id)));
            dock.setTabContextMenu(id, menu);
        }
    }

    /** The window's report menus (tests reach the actions through this). */
    public static ReportMenus of(MainWindow window) {
        return (ReportMenus) window.root().getProperties().get(ReportMenus.class);
    }

    /** Answers file dialogs without showing any (tests). */
    public void setUserFiles(UserFiles files) {
        actions.setFiles(files);
    }

    /** Where problems are told instead of an alert (tests). */
    public void setProblems(Consumer<String> problems) {
        actions.setProblems(problems);
    }

    private void paneOrNothing(Consumer<String> action) {
        String id = images.currentPane();
        if (id != null) {
            action.accept(id);
        }
    }

    private static KeyCombination shortcut(KeyCode key, KeyCombination.Modifier... more) {
        KeyCombination.Modifier[] all = new KeyCombination.Modifier[more.length + 1];
        all[0] = KeyCombination.SHORTCUT_DOWN;
        System.arraycopy(more, 0, all, 1, more.length);
        return new KeyCodeCombination(key, all);
    }

    private static MenuItem item(String id, String text, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (key != null) {
            item.setAccelerator(key);
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
