package dev.memscope.app.lessons;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.emulator.session.BackendFactory;
import dev.memscope.emulator.session.Machine;
import dev.memscope.views.lessons.LessonDriver;
import dev.memscope.views.lessons.LessonInfo;
import dev.memscope.views.lessons.LessonsPane;
import dev.memscope.views.lessons.StepShown;
import dev.memscope.views.workbench.Workbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The application's side of the lessons panel: the built-in lessons and those opened from files, played on the main
 * window's machine by a {@link LessonPlayer} on one worker thread (never the JavaFX thread).
 */
public final class LessonsController implements LessonDriver, AutoCloseable {
    private final LessonLibrary library;
    private final LessonPlayer player;
    private final Map<String, Lesson> lessons = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "memscope-lessons");
        t.setDaemon(true);
        return t;
    });

    public LessonsController(GuestCatalog catalog, Machine machine, BackendFactory backends) {
        library = new LessonLibrary(catalog);
        player = new LessonPlayer(machine, library::setupOf, backends);
        for (String id : library.builtInIds()) {
            try {
                lessons.put(id, library.builtIn(id));
            } catch (LessonFormatException e) {
                throw new IllegalStateException("a built-in lesson is malformed: " + e.getMessage(), e);
            }
        }
    }

    /** Docks the lessons panel on the main window's workbench, with presenter mode in its View menu. */
    public static LessonsController install(Workbench workbench, GuestCatalog catalog, Machine machine,
            BackendFactory backends) {
        LessonsController c = new LessonsController(catalog, machine, backends);
        LessonsPane.install(workbench, c);
        return c;
    }

    @Override
    public synchronized List<LessonInfo> lessons() {
        List<LessonInfo> out = new ArrayList<>();
        lessons.forEach((id, l) -> out.add(info(id, l)));
        return out;
    }

    @Override
    public LessonInfo open(Path file) throws LessonFormatException {
        Lesson l = library.reader().read(file); // read again on every open: edit, reopen, replay
        String id = "file:" + l.origin();
        synchronized (this) {
            lessons.put(id, l);
        }
        return info(id, l);
    }

    @Override
    public CompletableFuture<StepShown> show(String lessonId, int index) {
        return CompletableFuture.supplyAsync(() -> {
            Lesson l = lesson(lessonId);
            try {
                LessonPlayer.Played p = player.goTo(l, index);
                LessonStep s = p.step();
                return new StepShown(lessonId, index, l.steps().size(), s.title(), p.text(), s.panes(),
                        s.highlights(), s.question() == null ? "" : s.question().ask());
            } catch (LessonRunException e) {
                throw new CompletionException(e);
            }
        }, worker);
    }

    @Override
    public CompletableFuture<Long> answer(String lessonId, int index) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return player.answer(lesson(lessonId), index);
            } catch (LessonRunException e) {
                throw new CompletionException(e);
            }
        }, worker);
    }

    private synchronized Lesson lesson(String id) {
        Lesson l = lessons.get(id);
        if (l == null) {
            throw new IllegalArgumentException("no lesson " + id);
        }
        return l;
    }

    private static LessonInfo info(String id, Lesson l) {
        return new LessonInfo(id, l.title(), l.summary(), l.steps().stream().map(LessonStep::title).toList(),
                l.origin());
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
