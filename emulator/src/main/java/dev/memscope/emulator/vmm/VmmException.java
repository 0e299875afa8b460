package dev.memscope.emulator.vmm;

/** The VMM could not set the VM up or change it: the message says which step failed and why. */
public final class VmmException extends Exception {
    private static final long serialVersionUID = 1L;

    public VmmException(String message) {
        super(message);
    }

    public VmmException(String message, Throwable cause) {
        super(message, cause);
    }
}
