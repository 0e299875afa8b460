package dev.memscope.views.cpu;

import java.util.Arrays;
import java.util.stream.Collectors;
import javafx.scene.paint.Color;

/**
 * The CPU pane's colours, in one place: the stylesheet reads them as looked-up colours ({@code -asm-mnemonic}), and
 * the legend draws the same values, so the two cannot drift apart.
 */
enum CpuPalette {
    CHANGED("-cpu-changed", "#ffd43b", "changed since last stop"),
    CURRENT("-cpu-current", "#fff3bf", "RIP"),
    BREAKPOINT("-cpu-breakpoint", "#e03131", "breakpoint"),
    MNEMONIC("-asm-mnemonic", "#1c3d8f", "mnemonic"),
    REGISTER("-asm-register", "#8c2f9e", "register"),
    IMMEDIATE("-asm-immediate", "#c25100", "immediate"),
    ADDRESS("-asm-address", "#0b7285", "address"),
    SYMBOL("-asm-symbol", "#2b8a3e", "symbol");

    /** What the swatch legend shows: the states of registers and lines. */
    static final java.util.List<CpuPalette> STATES = java.util.List.of(CHANGED, CURRENT, BREAKPOINT);
    /** What the syntax legend shows, each word in its colour. */
    static final java.util.List<CpuPalette> SYNTAX = java.util.List.of(MNEMONIC, REGISTER, IMMEDIATE, ADDRESS,
            SYMBOL);

    private final String lookup;
    private final String hex;
    private final String label;

    CpuPalette(String lookup, String hex, String label) {
        this.lookup = lookup;
        this.hex = hex;
        this.label = label;
    }

    Color colour() {
        return Color.web(hex);
    }

    String label() {
        return label;
    }

    /** The style class of text in this colour ({@code asm-mnemonic}). */
    String styleClass() {
        return lookup.substring(1);
    }

    /** The looked-up colour declarations for the pane's inline style. */
    static String declarations() {
        return Arrays.stream(values()).map(p -> p.lookup + ": " + p.hex + ";").collect(Collectors.joining(" "));
    }
}
