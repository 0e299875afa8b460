package dev.memscope.emulator.backend;

/** A backend could not be created or set up (no /dev/kvm, a failed mmap...). The message says what and why. */
public class BackendException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public BackendException(String message) {
        this(message, 0);
    }

    public BackendException(String message, int errno) {
        super(errno == 0 ? message : message + " (" + Errno.name(errno) + ")");
        this.errno = errno;
    }

    /** The kernel's errno behind the failure, or 0. */
    public int errno() {
        return errno;
    }
}
