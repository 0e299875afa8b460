package dev.memscope.app.lessons;

/**
 * A question a step asks; the machine answers it by running on to the next step's stop.
 *
 * @param measure what the machine measures ({@link Measures}): a counter such as {@code exits.MMIO}
 * @param delta true: how much the measure grows from this step's stop to the next's; false: its value there
 */
public record LessonQuestion(String ask, String measure, boolean delta) {
}
