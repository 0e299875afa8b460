package dev.memscope.emulator.x86.diff;

import java.io.ByteArrayOutputStream;

/** A tiny x86-64 encoder for the differential cases (Intel SDM Vol. 2, chapter 2): prefixes, REX, ModRM, SIB. */
final class Asm {
    private Asm() {
    }

    /**
     * Encodes {@code opcode} with a register-direct ModRM ({@code reg} field, {@code rm} register) at operand size
     * {@code size}. For byte operations {@code forceRex} selects SPL..R15B-style low-byte registers over AH..BH.
     */
    static byte[] rr(int size, boolean forceRex, int reg, int rm, int... opcode) {
        return encode(size, forceRex, reg, rm, -1, opcode);
    }

    /** Encodes {@code opcode} with a memory operand at the absolute 32-bit address {@code addr} ([disp32] via SIB). */
    static byte[] rm(int size, boolean forceRex, int reg, long addr, int... opcode) {
        return encode(size, forceRex, reg, -1, addr, opcode);
    }

    private static byte[] encode(int size, boolean forceRex, int reg, int rm, long addr, int[] opcode) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int prefixes = 0;
        // Mandatory prefixes (F3/F2/66 before the REX) come first in opcode[] as values >= 0x100 | byte.
        while (prefixes < opcode.length && opcode[prefixes] >= 0x100) {
            o.write(opcode[prefixes] & 0xFF);
            prefixes++;
        }
        if (size == 2) {
            o.write(0x66);
        }
        int rex = (size == 8 ? 8 : 0) | ((reg & 8) != 0 ? 4 : 0) | (rm >= 0 && (rm & 8) != 0 ? 1 : 0);
        if (rex != 0 || forceRex) {
            o.write(0x40 | rex);
        }
        for (int i = prefixes; i < opcode.length; i++) {
            o.write(opcode[i]);
        }
        if (rm >= 0) {
            o.write(0xC0 | (reg & 7) << 3 | (rm & 7));
        } else {
            o.write((reg & 7) << 3 | 4);
            o.write(0x25);
            for (int i = 0; i < 4; i++) {
                o.write((int) (addr >>> (8 * i)));
            }
        }
        return o.toByteArray();
    }

    static byte[] concat(byte[] a, long imm, int immBytes) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + immBytes);
        for (int i = 0; i < immBytes; i++) {
            out[a.length + i] = (byte) (imm >>> (8 * i));
        }
        return out;
    }
}
