package dev.memscope.app.session;

/** A session that cannot be opened, and exactly why; nothing was loaded. */
public final class SessionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong, for exit codes and tests. */
    public enum Reason {
        /** Not JSON, not a session, a missing or malformed field. */
        CORRUPT,
        /** Written by a newer Memscope in a format version this one cannot read. */
        NEWER_VERSION,
        /** No catalog guest or file by the name the session gives. */
        GUEST_NOT_FOUND,
        /** The guest's bytes are not the ones the session was saved with. */
        GUEST_MISMATCH,
        /** The guest image is refused (not an ELF the machine can load). */
        BAD_IMAGE,
        /** The session's devices are not the ones this Memscope models. */
        DEVICES
    }

    private final Reason reason;

    public SessionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
