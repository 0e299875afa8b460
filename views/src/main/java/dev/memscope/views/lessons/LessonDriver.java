package dev.memscope.views.lessons;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the lessons panel asks of the application, which owns the machine and the lesson files. The futures complete
 * on a worker thread, never the JavaFX thread; a failure carries a message meant for the reader.
 */
public interface LessonDriver {
    /** The lessons offered: the built-in ones, then those opened from files. */
    List<LessonInfo> lessons();

    /** Reads a lesson file (no rebuild needed); throws with a message naming the step and field when malformed. */
    LessonInfo open(Path file) throws Exception;

    /** Brings the machine to step {@code index} (replaying from the start when going back) and describes it. */
    CompletableFuture<StepShown> show(String lessonId, int index);

    /** The machine's answer to step {@code index}'s question, measured by playing on to the next step's stop. */
    CompletableFuture<Long> answer(String lessonId, int index);
}
