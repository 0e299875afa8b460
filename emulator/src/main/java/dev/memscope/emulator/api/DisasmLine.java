package dev.memscope.emulator.api;

/**
 * One disassembled instruction, objdump style.
 *
 * @param bytes the instruction's bytes in hex, space separated
 * @param text the instruction in AT&T syntax
 * @param symbol the symbol plus offset at this address ({@code main+0x1c}), or empty
 */
public record DisasmLine(long address, String bytes, String text, String symbol) {
}
