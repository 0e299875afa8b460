package dev.memscope.emulator.x86;

/** The kinds of memory access, as the page walker, the TLB and the memory interface see them. */
public final class Access {
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int FETCH = 2;

    private Access() {
    }

    public static String name(int access) {
        return switch (access) {
            case READ -> "read";
            case WRITE -> "write";
            case FETCH -> "fetch";
            default -> "access(" + access + ")";
        };
    }
}
