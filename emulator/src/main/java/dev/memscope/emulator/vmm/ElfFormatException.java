package dev.memscope.emulator.vmm;

/** A guest image that cannot be run, with a message naming what is wrong and, where useful, how to fix it. */
public final class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}
