package dev.memscope.views.cpu;

/**
 * One register as the pane shows it.
 *
 * @param name the register's name in lower case, as gdb and objdump spell it ({@code rax}, {@code cr3})
 * @param value its value
 * @param text the value formatted for display
 * @param decoded the set bits of a control register ("PG WP PE"), or empty
 * @param changed whether it differs from the previous stop
 */
public record RegisterRow(String name, long value, String text, String decoded, boolean changed) {
}
