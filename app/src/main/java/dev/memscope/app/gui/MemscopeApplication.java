package dev.memscope.app.gui;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.wiring.Backends;
import dev.memscope.emulator.session.Machine;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop application. */
public final class MemscopeApplication extends Application {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
    private Machine machine;
    private MainWindow window;

    public static void main(String[] args) {
        launch(MemscopeApplication.class, args);
    }

    @Override
    public void start(Stage stage) {
        machine = new Machine(new Backends());
        window = new MainWindow(GuestCatalog.builtIn(), machine);
        stage.setTitle("Memscope");
        stage.setScene(new Scene(window.root(), WIDTH, HEIGHT));
        stage.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.stop();
        }
        if (machine != null) {
            machine.close();
        }
    }
}
