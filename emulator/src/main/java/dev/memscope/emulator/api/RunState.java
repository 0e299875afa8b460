package dev.memscope.emulator.api;

/** Where the machine is. */
public enum RunState {
    /** No guest loaded. */
    NO_GUEST,
    /** Loaded and set up, at the guest's entry point; nothing has run yet. */
    READY,
    /** Running flat out on the machine thread. */
    RUNNING,
    /** Stopped by the debugger: a step finished, a breakpoint hit, or a pause. */
    STOPPED,
    /** The guest wrote its exit code. */
    EXITED,
    /** The run cannot go on (triple fault, internal error, backend failure); the snapshot says why. */
    FAILED;

    public boolean finished() {
        return this == EXITED || this == FAILED;
    }
}
