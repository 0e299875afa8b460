package dev.memscope.app.gui;

import dev.memscope.app.catalog.GuestCatalog;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop application. */
public final class MemscopeApplication extends Application {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    public static void main(String[] args) {
        launch(MemscopeApplication.class, args);
    }

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow(GuestCatalog.builtIn());
        stage.setTitle("Memscope");
        stage.setScene(new Scene(window.root(), WIDTH, HEIGHT));
        stage.show();
    }
}
