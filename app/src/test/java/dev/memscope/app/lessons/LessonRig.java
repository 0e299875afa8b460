package dev.memscope.app.lessons;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.wiring.Backends;
import dev.memscope.emulator.session.Machine;
import java.util.ArrayList;
import java.util.List;

/** Plays a built-in lesson headless, step by step, on a real simulated machine (for the lesson tests). */
final class LessonRig implements AutoCloseable {
    final LessonLibrary library = new LessonLibrary(GuestCatalog.builtIn());
    final Machine machine = new Machine(new Backends());
    final LessonPlayer player = new LessonPlayer(machine, library::setupOf, new Backends());
    final Lesson lesson;

    LessonRig(String id) throws LessonFormatException {
        lesson = library.builtIn(id);
    }

    /** Every step in order, as the panel's Next would show them. */
    List<LessonPlayer.Played> playAll() throws LessonRunException {
        List<LessonPlayer.Played> out = new ArrayList<>();
        for (int i = 0; i < lesson.steps().size(); i++) {
            out.add(player.goTo(lesson, i));
        }
        return out;
    }

    static long n(LessonPlayer.Played p, String measure) throws LessonRunException {
        return Measures.value(p.state(), measure);
    }

    @Override
    public void close() {
        machine.close();
    }
}
