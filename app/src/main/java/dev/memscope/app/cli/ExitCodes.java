package dev.memscope.app.cli;

/**
 * Process exit codes of the command line. {@code run} exits with the guest's own exit code (modulo 256, as every
 * process does; {@code --json} carries the full 32-bit value), so Memscope's own failures use 125 and above, as
 * {@code env(1)} and {@code chroot(1)} do.
 */
public final class ExitCodes {
    /** A bad option or argument, or a feature this build does not have. */
    public static final int USAGE = 125;
    /** The guest image was refused before anything ran (not an ELF, outside RAM, ...). */
    public static final int BAD_IMAGE = 126;
    /** No catalog guest and no file by that name. */
    public static final int NOT_FOUND = 127;
    /** The run itself failed: triple fault, step budget exhausted, emulator or backend error. */
    public static final int RUN_FAILED = 128;
    /** The requested backend cannot be used on this machine (no /dev/kvm, not writable, too old). */
    public static final int BACKEND_UNAVAILABLE = 129;

    private ExitCodes() {
    }
}
