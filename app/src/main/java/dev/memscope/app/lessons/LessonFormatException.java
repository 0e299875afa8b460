package dev.memscope.app.lessons;

/** A lesson file that cannot be used; the message names the file, the step and the field, and what was wrong. */
public final class LessonFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public LessonFormatException(String message) {
        super(message);
    }

    public LessonFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
