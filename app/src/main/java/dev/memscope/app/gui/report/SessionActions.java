package dev.memscope.app.gui.report;

import dev.memscope.app.gui.MainWindow;
import dev.memscope.app.session.Replay;
import dev.memscope.app.session.SessionCapture;
import dev.memscope.app.session.SessionException;
import dev.memscope.app.session.SessionFile;
import dev.memscope.app.session.SessionJson;
import dev.memscope.app.session.SessionResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * File > Save session and Open session. Opening checks everything first (the file, its version, the guest's hash,
 * the devices) and only then replaces the current session: a refusal says why and leaves it untouched.
 */
final class SessionActions {
    static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(10);
    private final ReportActions actions;

    SessionActions(ReportActions actions) {
        this.actions = actions;
    }

    void askAndSave() {
        MainWindow w = actions.window();
        String name = (w.guest() == null ? "memscope" : w.guest().name()) + ".memscope.json";
        Path file = actions.files().save("Save session", name, "Memscope sessions", "*.json");
        if (file != null) {
            save(file);
        }
    }

    void askAndOpen() {
        Path file = actions.files().open("Open session", "Memscope sessions", "*.json");
        if (file != null) {
            open(file);
        }
    }

    CompletableFuture<SessionFile> save(Path file) {
        MainWindow w = actions.window();
        return actions.background("save the session", () -> {
            SessionFile s = FxCalls.call(() -> SessionCapture.capture(w.machine().snapshot(), w.guest(),
                    w.loadedSetup(), w.machine().breakpoints(), w.root().dock().dockLayout()));
            Files.write(file, SessionJson.bytes(s));
            actions.status("Saved the session at " + s.stopAt().text() + " to " + file);
            return s;
        });
    }

    CompletableFuture<Replay.Result> open(Path file) {
        MainWindow w = actions.window();
        return actions.background("open the session " + file, () -> {
            SessionResolver.Opened opened = resolve(file, w);
            SessionFile s = opened.file();
            FxCalls.run(() -> w.adopt(opened.guest(), opened.setup()));
            actions.status("Replaying " + file.getFileName() + " to " + s.stopAt().text() + "...");
            Replay.Result r = Replay.run(w.machine(), opened.setup(), s.variantSwitches(), s.stopAt(),
                    s.breakpoints(), REPLAY_TIMEOUT);
            FxCalls.run(() -> {
                if (s.layout() != null) {
                    w.root().dock().applyDockLayout(s.layout());
                }
            });
            if (r.reached()) {
                actions.status("Opened " + file.getFileName() + ": " + r.message() + (s.stopAtExact() ? ""
                        : " (the nearest earlier stop Memscope can name; it was saved at: " + s.stopReason() + ")"));
            } else {
                actions.problem("Opened " + file.getFileName() + ", but " + r.message());
            }
            return r;
        });
    }

    /** Reads and checks a session file; the exception's message says exactly what is wrong. */
    static SessionResolver.Opened resolve(Path file, MainWindow w) throws IOException, SessionException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + " does not exist");
        }
        Path dir = file.toAbsolutePath().getParent();
        return SessionResolver.resolve(SessionJson.read(bytes), w.catalog(), dir);
    }
}
