package dev.memscope.app.lessons;

/** A lesson could not be played on the machine (a stop never reached, a guest that failed); says why in words. */
public final class LessonRunException extends Exception {
    private static final long serialVersionUID = 1L;

    public LessonRunException(String message) {
        super(message);
    }
}
