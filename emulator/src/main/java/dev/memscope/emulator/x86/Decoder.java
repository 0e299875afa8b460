package dev.memscope.emulator.x86;

/**
 * Decodes one 64-bit-mode instruction (Intel SDM Vol. 2, chapter 2 and Appendix A opcode maps): legacy prefixes,
 * REX, the one-byte and 0F opcode maps, ModRM, SIB, displacement and immediate. Instructions outside the supported
 * set decode to {@link Op#UD} (invalid or unimplemented: #UD) or {@link Op#SSE} (SSE, MMX, x87, AVX: the run stops
 * with a message). Pure: reads only the bytes it is given.
 */
public final class Decoder {
    /** Decoded; {@link Insn#len} is set. */
    public static final int OK = 0;
    /** The instruction runs past the bytes given: fetch more (up to 15) and decode again. */
    public static final int NEED_MORE = 1;
    /** Longer than 15 bytes: #GP(0). */
    public static final int TOO_LONG = 2;

    private byte[] buf;
    private int pos;
    private int avail;
    private boolean ranOut;

    private int u8() {
        if (pos >= avail) {
            ranOut = true;
            pos++;
            return 0;
        }
        return buf[pos++] & 0xFF;
    }

    private long s8() {
        return (byte) u8();
    }

    private long s16() {
        int lo = u8();
        return (short) (lo | u8() << 8);
    }

    private long s32() {
        int b0 = u8(), b1 = u8(), b2 = u8(), b3 = u8();
        return b0 | b1 << 8 | b2 << 16 | b3 << 24;
    }

    private long u64() {
        long lo = s32() & 0xFFFFFFFFL;
        return lo | s32() << 32;
    }

    /** Decodes from {@code bytes[0..available)} into {@code in}. */
    public int decode(byte[] bytes, int available, Insn in) {
        buf = bytes;
        avail = available;
        pos = 0;
        ranOut = false;
        in.reset();
        decodeInto(in);
        if (pos > 15) {
            return ranOut && available < 15 ? NEED_MORE : TOO_LONG;
        }
        if (ranOut) {
            return NEED_MORE;
        }
        in.len = pos;
        Specializer.specialize(in);
        return OK;
    }

    private void decodeInto(Insn in) {
        boolean opsize = false;
        int rex = 0;
        int b;
        // Legacy prefixes in any order; a REX prefix counts only when it comes last, right before the opcode.
        for (;;) {
            b = u8();
            if (pos > 15) {
                return;
            }
            switch (b) {
                case 0x66 -> opsize = true;
                case 0x67 -> in.a32 = true;
                case 0xF0 -> in.lock = true;
                case 0xF2 -> in.rep = Insn.REPNE;
                case 0xF3 -> in.rep = Insn.REP;
                case 0x64 -> in.seg = 4;
                case 0x65 -> in.seg = 5;
                case 0x26, 0x2E, 0x36, 0x3E -> { } // ES, CS, SS, DS overrides: no effect in 64-bit mode
                default -> {
                    if ((b & 0xF0) == 0x40) {
                        rex = b;
                        b = u8();
                        if ((b & 0xF0) == 0x40) {
                            // REX followed by REX: the earlier one is ignored.
                            pos--;
                            continue;
                        }
                        if (b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3 || b == 0x64
                                || b == 0x65 || b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E) {
                            rex = 0; // a REX before a legacy prefix is ignored
                            pos--;
                            continue;
                        }
                    }
                    decodeOpcode(in, b, opsize, rex);
                    return;
                }
            }
        }
    }

    private void decodeOpcode(Insn in, int b, boolean opsize, int rex) {
        in.opsizePrefix = opsize;
        in.rex = rex != 0;
        in.rexW = (rex & 8) != 0;
        int v = in.rexW ? 8 : opsize ? 2 : 4; // operand size of "v" operands
        in.setSize(v);
        in.opcode = b;
        if (b == 0x0F) {
            int b2 = u8();
            in.opcode = 0x0F00 | b2;
            TwoByteMap.decode(this, in, b2, rex, v);
            return;
        }
        OneByteMap.decode(this, in, b, rex, v);
    }

    // ---- helpers used by the opcode maps -------------------------------------------------------------------

    int nextU8() {
        return u8();
    }

    long nextS8() {
        return s8();
    }

    long nextS16() {
        return s16();
    }

    long nextS32() {
        return s32();
    }

    long nextU64() {
        return u64();
    }

    /** Immediate of size "z" for operand size {@code size}: 2 bytes for 16-bit, else 4 (sign-extended). */
    long immZ(int size) {
        return size == 2 ? s16() : s32();
    }

    /** Immediate of exactly {@code size} bytes, sign-extended. */
    long immSized(int size) {
        return switch (size) {
            case 1 -> s8();
            case 2 -> s16();
            case 4 -> s32();
            default -> u64();
        };
    }

    /** Maps an 8-bit register number to Insn's numbering: without REX, 4..7 are AH, CH, DH, BH. */
    static int reg8(int n, int rex) {
        return rex == 0 && n >= 4 && n < 8 ? Insn.AH + (n - 4) : n;
    }

    /**
     * Reads ModRM (and SIB, displacement); fills reg, rm or the memory operand. {@code byteRegs} maps register
     * operands as 8-bit registers.
     */
    void modrm(Insn in, int rex, boolean byteRegs) {
        int m = u8();
        in.modrm = m;
        int mod = m >>> 6;
        int reg = (m >>> 3) & 7 | (rex & 4) << 1;
        int rm = m & 7;
        in.reg = byteRegs ? reg8(reg, rex) : reg;
        if (mod == 3) {
            int r = rm | (rex & 1) << 3;
            in.rm = byteRegs ? reg8(r, rex) : r;
            return;
        }
        in.rm = -1;
        if (rm == 4) {
            int sib = u8();
            int scale = sib >>> 6;
            int index = (sib >>> 3) & 7 | (rex & 2) << 2;
            int base = sib & 7;
            in.scale = scale;
            in.index = index == 4 ? -1 : index;
            if (base == 5 && mod == 0) {
                in.base = -1;
                in.disp = s32();
                in.dispBytes = 4;
            } else {
                in.base = base | (rex & 1) << 3;
            }
        } else if (rm == 5 && mod == 0) {
            in.base = Insn.RIP;
            in.disp = s32();
            in.dispBytes = 4;
        } else {
            in.base = rm | (rex & 1) << 3;
        }
        if (mod == 1) {
            in.disp = s8();
            in.dispBytes = 1;
        } else if (mod == 2) {
            in.disp = s32();
            in.dispBytes = 4;
        }
    }

    /** The reg field of the next ModRM byte, without consuming it (for group opcodes). */
    int peekReg() {
        if (pos >= avail) {
            return 0;
        }
        return (buf[pos] >>> 3) & 7;
    }

    int peekModrm() {
        if (pos >= avail) {
            return 0;
        }
        return buf[pos] & 0xFF;
    }
}
