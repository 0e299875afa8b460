package dev.memscope.emulator.x86;

import java.math.BigInteger;

/**
 * MUL, IMUL (one, two and three operands), DIV, IDIV with #DE, CBW/CWDE/CDQE, CWD/CDQ/CQO (Intel SDM Vol. 2).
 * The flags the SDM leaves undefined after MUL/IMUL (SF, ZF, AF, PF) are set as this project's AMD EPYC hosts set
 * them: see {@link #mulFlags}. DIV and IDIV leave every flag undefined; they are left unchanged here.
 */
final class MulDiv {
    private MulDiv() {
    }

    /** High 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh arrived only in Java 18). */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** CF = OF = {@code overflow}; SF, ZF, PF from the low half of the result, AF clear. */
    private static void mulFlags(Cpu c, long low, int size, boolean overflow) {
        long f = Flags.parity(low) | (low == 0 ? Flags.ZF : 0)
                | ((low & (1L << (size * 8 - 1))) != 0 ? Flags.SF : 0)
                | (overflow ? Flags.CF | Flags.OF : 0);
        c.fOp = Flags.EAGER;
        c.fRes = f;
    }

    static void mul(Cpu c, Insn in) {
        int size = in.osize;
        long src = c.readE(in);
        long a = c.getReg(0, size);
        switch (size) {
            case 1 -> {
                long p = a * src;
                c.setReg(0, 2, p);
                mulFlags(c, p & 0xFF, 1, (p >>> 8) != 0);
            }
            case 2 -> {
                long p = a * src;
                c.setReg(0, 2, p);
                c.setReg(2, 2, p >>> 16);
                mulFlags(c, p & 0xFFFF, 2, (p >>> 16) != 0);
            }
            case 4 -> {
                long p = a * src;
                c.setReg(0, 4, p);
                c.setReg(2, 4, p >>> 32);
                mulFlags(c, p & 0xFFFFFFFFL, 4, (p >>> 32) != 0);
            }
            default -> {
                long hi = unsignedMultiplyHigh(a, src);
                long lo = a * src;
                c.regs[0] = lo;
                c.regs[2] = hi;
                mulFlags(c, lo, 8, hi != 0);
            }
        }
    }

    static void imul1(Cpu c, Insn in) {
        int size = in.osize;
        long src = Flags.signExtend(c.readE(in), size);
        long a = Flags.signExtend(c.getReg(0, size), size);
        switch (size) {
            case 1 -> {
                long p = a * src;
                c.setReg(0, 2, p);
                mulFlags(c, p & 0xFF, 1, p != (byte) p);
            }
            case 2 -> {
                long p = a * src;
                c.setReg(0, 2, p);
                c.setReg(2, 2, p >>> 16);
                mulFlags(c, p & 0xFFFF, 2, p != (short) p);
            }
            case 4 -> {
                long p = a * src;
                c.setReg(0, 4, p);
                c.setReg(2, 4, p >>> 32);
                mulFlags(c, p & 0xFFFFFFFFL, 4, p != (int) p);
            }
            default -> {
                long hi = Math.multiplyHigh(a, src);
                long lo = a * src;
                c.regs[0] = lo;
                c.regs[2] = hi;
                mulFlags(c, lo, 8, hi != (lo >> 63));
            }
        }
    }

    /** IMUL r, r/m (two operands) and IMUL r, r/m, imm (three). */
    static void imulTrunc(Cpu c, Insn in, long factor) {
        int size = in.osize;
        long a = Flags.signExtend(c.readE(in), size);
        long b = Flags.signExtend(factor & in.mask, size);
        long lo = a * b;
        boolean overflow;
        if (size == 8) {
            overflow = Math.multiplyHigh(a, b) != (lo >> 63);
        } else {
            overflow = lo != Flags.signExtend(lo & in.mask, size);
        }
        c.setReg(in.reg, size, lo & in.mask);
        mulFlags(c, lo & in.mask, size, overflow);
    }

    static void div(Cpu c, Insn in) {
        int size = in.osize;
        long divisor = c.readE(in);
        if (divisor == 0) {
            throw c.fault(Events.DE, 0, false);
        }
        switch (size) {
            case 1 -> {
                long n = c.getReg(0, 2);
                long q = n / divisor;
                if (q > 0xFF) {
                    throw c.fault(Events.DE, 0, false);
                }
                c.setReg(0, 2, (n % divisor) << 8 | q);
            }
            case 2, 4 -> {
                int bits = size * 8;
                long n = c.getReg(2, size) << bits | c.getReg(0, size);
                long q = Long.divideUnsigned(n, divisor);
                if (Long.compareUnsigned(q, Flags.mask(size)) > 0) {
                    throw c.fault(Events.DE, 0, false);
                }
                c.setReg(2, size, Long.remainderUnsigned(n, divisor));
                c.setReg(0, size, q);
            }
            default -> {
                long hi = c.regs[2], lo = c.regs[0];
                if (Long.compareUnsigned(hi, divisor) >= 0) {
                    throw c.fault(Events.DE, 0, false);
                }
                long q, r;
                if (hi == 0) {
                    q = Long.divideUnsigned(lo, divisor);
                    r = Long.remainderUnsigned(lo, divisor);
                } else {
                    BigInteger n = unsigned(hi).shiftLeft(64).or(unsigned(lo));
                    BigInteger[] qr = n.divideAndRemainder(unsigned(divisor));
                    q = qr[0].longValue();
                    r = qr[1].longValue();
                }
                c.regs[0] = q;
                c.regs[2] = r;
            }
        }
    }

    static void idiv(Cpu c, Insn in) {
        int size = in.osize;
        long divisor = Flags.signExtend(c.readE(in), size);
        if (divisor == 0) {
            throw c.fault(Events.DE, 0, false);
        }
        switch (size) {
            case 1, 2, 4 -> {
                long n;
                if (size == 1) {
                    n = (short) c.getReg(0, 2);
                } else {
                    int bits = size * 8;
                    n = (c.getReg(2, size) << bits | c.getReg(0, size));
                    if (size == 2) {
                        n = (int) n;
                    }
                }
                long q = n / divisor;
                long r = n % divisor;
                if (q != Flags.signExtend(q & Flags.mask(size), size)) {
                    throw c.fault(Events.DE, 0, false);
                }
                if (size == 1) {
                    c.setReg(0, 2, (r & 0xFF) << 8 | (q & 0xFF));
                } else {
                    c.setReg(2, size, r);
                    c.setReg(0, size, q);
                }
            }
            default -> {
                long hi = c.regs[2], lo = c.regs[0];
                long q, r;
                if (hi == (lo >> 63)) {
                    if (lo == Long.MIN_VALUE && divisor == -1) {
                        throw c.fault(Events.DE, 0, false);
                    }
                    q = lo / divisor;
                    r = lo % divisor;
                } else {
                    BigInteger n = BigInteger.valueOf(hi).shiftLeft(64).or(unsigned(lo));
                    BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(divisor));
                    if (qr[0].bitLength() > 63) {
                        throw c.fault(Events.DE, 0, false);
                    }
                    q = qr[0].longValue();
                    r = qr[1].longValue();
                }
                c.regs[0] = q;
                c.regs[2] = r;
            }
        }
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }

    static void cbw(Cpu c, Insn in) {
        int size = in.osize;
        c.setReg(0, size, Flags.signExtend(c.getReg(0, size / 2), size / 2));
    }

    static void cwd(Cpu c, Insn in) {
        int size = in.osize;
        long a = Flags.signExtend(c.getReg(0, size), size);
        c.setReg(2, size, a < 0 ? -1 : 0);
    }
}
