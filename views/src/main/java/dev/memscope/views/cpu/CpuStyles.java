package dev.memscope.views.cpu;

/** Style class names of the CPU pane (cpu.css), in one place. */
public final class CpuStyles {
    public static final String PANE = "cpu-pane";
    public static final String REGISTER_NAME = "register-name";
    public static final String REGISTER_VALUE = "register-value";
    public static final String REGISTER_DECODED = "register-decoded";
    public static final String CHANGED = "changed";
    public static final String FLAG_CHIP = "flag-chip";
    public static final String FLAG_SET = "flag-set";
    public static final String DISASM = "disasm";
    public static final String GUTTER = "disasm-gutter";
    public static final String BREAKPOINT_DOT = "breakpoint-dot";
    public static final String CURRENT_ARROW = "current-arrow";
    public static final String CURRENT_LINE = "current-line";
    public static final String BREAKPOINT_LINE = "breakpoint-line";
    public static final String STATUS = "cpu-status";
    public static final String HEADER = "cpu-header";
    public static final String REGISTERS = "registers";
    public static final String REGISTER_ZEROS = "register-zeros";
    public static final String SYNTAX_LEGEND = "syntax-legend";
    /** On a gutter's breakpoint dot when a breakpoint is set there. */
    public static final String SET = "set";

    public static final String ASM_MNEMONIC = "asm-mnemonic";
    public static final String ASM_REGISTER = "asm-register";
    public static final String ASM_IMMEDIATE = "asm-immediate";
    public static final String ASM_ADDRESS = "asm-address";
    public static final String ASM_SYMBOL = "asm-symbol";
    public static final String ASM_COMMENT = "asm-comment";
    public static final String ASM_LINE_ADDRESS = "asm-line-address";
    public static final String ASM_BYTES = "asm-bytes";
    public static final String ASM_HEADER = "asm-header";

    private CpuStyles() {
    }

    public static String of(DisasmSyntax.Kind kind) {
        return switch (kind) {
            case MNEMONIC -> ASM_MNEMONIC;
            case REGISTER -> ASM_REGISTER;
            case IMMEDIATE -> ASM_IMMEDIATE;
            case ADDRESS -> ASM_ADDRESS;
            case SYMBOL -> ASM_SYMBOL;
            case COMMENT -> ASM_COMMENT;
        };
    }
}
