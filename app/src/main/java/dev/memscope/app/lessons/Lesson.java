package dev.memscope.app.lessons;

import java.util.List;

/**
 * A guided walk through one idea, read from a lesson file (issue 9): the guest and its setup, then ordered steps.
 *
 * @param id the file's name without extension ({@code sparse-pci}); unique among the lessons offered
 * @param origin {@code built-in} or the file's path
 */
public record Lesson(int format, String id, String title, String summary, String origin, List<LessonStep> steps) {
    public Lesson {
        steps = List.copyOf(steps);
    }

    /** The first step of the run that step {@code index} belongs to (steps with the same setup run on, in order). */
    public int segmentStart(int index) {
        int i = index;
        while (i > 0 && steps.get(i - 1).setup().equals(steps.get(index).setup())) {
            i--;
        }
        return i;
    }
}
