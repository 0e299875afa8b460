package dev.memscope.emulator.x86;

/**
 * Lazy RFLAGS (DESIGN.md, "Speed"): an arithmetic instruction records its operation, operands and result in the
 * CPU ({@code fOp}, {@code fDst}, {@code fSrc}, {@code fRes}, {@code fSize}); a flag is computed only when read.
 * Formulas follow the Intel SDM Vol. 1, 3.4.3 and the instruction pages of Vol. 2.
 */
final class Flags {
    static final long CF = 1, PF = 1 << 2, AF = 1 << 4, ZF = 1 << 6, SF = 1 << 7, TF = 1 << 8, IF = 1 << 9,
            DF = 1 << 10, OF = 1 << 11, IOPL = 3 << 12, NT = 1 << 14, RF = 1 << 16, VM = 1 << 17, AC = 1 << 18,
            ID = 1 << 21;
    static final long ARITH = CF | PF | AF | ZF | SF | OF;
    /** Bits a POPF at CPL 0 may change (VM, VIF, VIP are kept clear in 64-bit mode). */
    static final long WRITABLE = ARITH | TF | IF | DF | IOPL | NT | RF | AC | ID;

    // Operations of the lazy state.
    static final int EAGER = 0, ADD = 1, ADC = 2, SUB = 3, SBB = 4, LOGIC = 5, INC = 6, DEC = 7, SHL = 8, SHR = 9,
            SAR = 10;

    private static final byte[] PARITY = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            PARITY[i] = (byte) ((Integer.bitCount(i) & 1) == 0 ? PF : 0);
        }
    }

    private Flags() {
    }

    static long parity(long res) {
        return PARITY[(int) res & 0xFF];
    }

    static long signExtend(long v, int size) {
        int sh = 64 - size * 8;
        return v << sh >> sh;
    }

    static long mask(int size) {
        return size == 8 ? -1L : (1L << (size * 8)) - 1;
    }

    /** The six arithmetic flags of the lazy state. */
    static long compute(CpuState c) {
        int op = c.fOp;
        if (op == EAGER) {
            return c.fRes;
        }
        long res = c.fRes, dst = c.fDst, src = c.fSrc;
        int bits = c.fSize * 8;
        long top = 1L << (bits - 1);
        long f = parity(res) | (res == 0 ? ZF : 0) | ((res & top) != 0 ? SF : 0);
        switch (op) {
            case ADD, ADC -> {
                long carries = (dst & src) | ((dst | src) & ~res);
                f |= ((carries & top) != 0 ? CF : 0) | (((dst ^ res) & (src ^ res) & top) != 0 ? OF : 0)
                        | ((dst ^ src ^ res) & AF);
            }
            case SUB, SBB -> {
                long borrows = (~dst & src) | (~(dst ^ src) & res);
                f |= ((borrows & top) != 0 ? CF : 0) | (((dst ^ src) & (dst ^ res) & top) != 0 ? OF : 0)
                        | ((dst ^ src ^ res) & AF);
            }
            case LOGIC -> {
            }
            case INC -> f |= c.fCarry | (res == top ? OF : 0) | ((dst ^ 1 ^ res) & AF);
            case DEC -> f |= c.fCarry | (res == top - 1 ? OF : 0) | ((dst ^ 1 ^ res) & AF);
            // SHL, SHR, SAR: AF is undefined in the SDM; AMD EPYC (this project's reference CPU) sets it, always.
            case SHL -> {
                // count in src, 1..31 or 1..63. CF is the last bit shifted out; OF = MSB(result) XOR CF.
                long cf = src <= bits ? (dst >>> (bits - src)) & 1 : 0;
                f |= cf | ((((res & top) != 0 ? 1 : 0) ^ cf) != 0 ? OF : 0) | AF;
            }
            case SHR -> {
                long cf = src <= bits ? (dst >>> (src - 1)) & 1 : 0;
                // OF: the MSB before the last one-bit step XOR the MSB after it (the original MSB for a count of 1).
                long before = src <= bits ? (dst >>> (src - 1)) & top : 0;
                f |= cf | (before != 0 ? OF : 0) | AF;
            }
            case SAR -> {
                long sdst = signExtend(dst, c.fSize);
                long cf = (sdst >> Math.min(src - 1, 63)) & 1;
                f |= cf | AF;
            }
            default -> throw new IllegalStateException("lazy flags op " + op);
        }
        return f;
    }

    static boolean cf(CpuState c) {
        switch (c.fOp) {
            case EAGER:
                return (c.fRes & CF) != 0;
            case LOGIC:
                return false;
            case SUB:
                return Long.compareUnsigned(c.fDst, c.fSrc) < 0;
            case INC, DEC:
                return c.fCarry != 0;
            default:
                return (compute(c) & CF) != 0;
        }
    }

    static boolean zf(CpuState c) {
        return c.fOp == EAGER ? (c.fRes & ZF) != 0 : c.fRes == 0;
    }

    /**
     * Condition code {@code cc} (the low nibble of Jcc/SETcc/CMOVcc: O NO B AE E NE BE A S NS P NP L GE LE G). Small
     * on purpose, so the JIT inlines it into the run loop: after CMP/SUB and after logic operations the common
     * conditions come straight from the operands.
     */
    static boolean cond(CpuState c, int cc) {
        int op = c.fOp;
        if (op == SUB) {
            return condSub(c, cc);
        }
        if (op == LOGIC) {
            return condLogic(c, cc);
        }
        return condFromFlags(compute(c), cc);
    }

    private static boolean condSub(CpuState c, int cc) {
        long a = c.fDst, b = c.fSrc;
        switch (cc) {
            case 2: return Long.compareUnsigned(a, b) < 0;
            case 3: return Long.compareUnsigned(a, b) >= 0;
            case 4: return a == b;
            case 5: return a != b;
            case 6: return Long.compareUnsigned(a, b) <= 0;
            case 7: return Long.compareUnsigned(a, b) > 0;
            case 12: return signExtend(a, c.fSize) < signExtend(b, c.fSize);
            case 13: return signExtend(a, c.fSize) >= signExtend(b, c.fSize);
            case 14: return signExtend(a, c.fSize) <= signExtend(b, c.fSize);
            case 15: return signExtend(a, c.fSize) > signExtend(b, c.fSize);
            default: return condFromFlags(compute(c), cc);
        }
    }

    private static boolean condLogic(CpuState c, int cc) {
        long r = c.fRes;
        boolean sf = (r & (1L << (c.fSize * 8 - 1))) != 0;
        switch (cc) {
            case 0, 2: return false;
            case 1, 3: return true;
            case 4, 6: return r == 0;
            case 5, 7: return r != 0;
            case 8, 12: return sf;
            case 9, 13: return !sf;
            case 14: return r == 0 || sf;
            case 15: return r != 0 && !sf;
            default: return condFromFlags(compute(c), cc);
        }
    }

    static boolean condFromFlags(long f, int cc) {
        boolean r = switch (cc >>> 1) {
            case 0 -> (f & OF) != 0;
            case 1 -> (f & CF) != 0;
            case 2 -> (f & ZF) != 0;
            case 3 -> (f & (CF | ZF)) != 0;
            case 4 -> (f & SF) != 0;
            case 5 -> (f & PF) != 0;
            case 6 -> ((f & SF) != 0) != ((f & OF) != 0);
            default -> (f & ZF) != 0 || ((f & SF) != 0) != ((f & OF) != 0);
        };
        return (cc & 1) != 0 ? !r : r;
    }
}
