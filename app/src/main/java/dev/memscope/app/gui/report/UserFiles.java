package dev.memscope.app.gui.report;

import java.io.File;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.stage.FileChooser;

/** Where the user wants a file written or read from; tests answer without a dialog. On the JavaFX thread. */
public interface UserFiles {
    /** A file to write, or null when the user cancelled. */
    Path save(String title, String suggestedName, String description, String pattern);

    /** A file to read, or null when the user cancelled. */
    Path open(String title, String description, String pattern);

    /** The platform's file dialogs, over the window of {@code owner}. */
    static UserFiles dialogs(Node owner) {
        return new UserFiles() {
            @Override
            public Path save(String title, String suggestedName, String description, String pattern) {
                FileChooser c = chooser(title, description, pattern);
                c.setInitialFileName(suggestedName);
                File f = c.showSaveDialog(owner.getScene().getWindow());
                return f == null ? null : f.toPath();
            }

            @Override
            public Path open(String title, String description, String pattern) {
                File f = chooser(title, description, pattern).showOpenDialog(owner.getScene().getWindow());
                return f == null ? null : f.toPath();
            }
        };
    }

    private static FileChooser chooser(String title, String description, String pattern) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(description, pattern),
                new FileChooser.ExtensionFilter("All files", "*"));
        return c;
    }
}
