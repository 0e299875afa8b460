package dev.memscope.emulator.x86;

/**
 * BT/BTS/BTR/BTC, BSF, BSR, TZCNT, LZCNT, POPCNT, BSWAP, SETcc, CMOVcc (Intel SDM Vol. 2). Flags the SDM leaves
 * undefined keep their previous values here unless a comment says otherwise.
 */
final class BitOps {
    private BitOps() {
    }

    /** BT family with the bit offset in a register: a memory operand may address bits far from the operand. */
    static void btG(Cpu c, Insn in) {
        int size = in.osize;
        int bits = size * 8;
        long offset = c.getReg(in.reg, size);
        if (in.rm >= 0) {
            bitTest(c, in, 0, (int) offset & (bits - 1));
            return;
        }
        long signedOffset = Flags.signExtend(offset, size);
        long la = c.ea(in) + (signedOffset >> (size == 8 ? 6 : size == 4 ? 5 : 4)) * size;
        bitTestAt(c, in, la, (int) signedOffset & (bits - 1));
    }

    static void btI(Cpu c, Insn in) {
        int bit = (int) in.imm & (in.osize * 8 - 1);
        if (in.rm >= 0) {
            bitTest(c, in, 0, bit);
        } else {
            bitTestAt(c, in, c.ea(in), bit);
        }
    }

    private static void bitTest(Cpu c, Insn in, long unused, int bit) {
        long v = c.getReg(in.rm, in.osize);
        long nv = modify(in.sub, v, bit);
        setCf(c, ((v >>> bit) & 1) != 0);
        if (in.sub != Op.BT) {
            c.setReg(in.rm, in.osize, nv);
        }
    }

    private static void bitTestAt(Cpu c, Insn in, long la, int bit) {
        int size = in.osize;
        long v;
        if (in.sub == Op.BT) {
            v = c.read(la, size);
        } else {
            c.probeWrite(la, size);
            v = c.read(la, size);
            c.write(la, size, modify(in.sub, v, bit));
        }
        setCf(c, ((v >>> bit) & 1) != 0);
    }

    private static long modify(int kind, long v, int bit) {
        return switch (kind) {
            case Op.BTS -> v | (1L << bit);
            case Op.BTR -> v & ~(1L << bit);
            case Op.BTC -> v ^ (1L << bit);
            default -> v;
        };
    }

    private static void setCf(Cpu c, boolean cf) {
        long f = c.materializeFlags() & ~Flags.CF;
        c.fRes = f | (cf ? Flags.CF : 0);
    }

    static void bsf(Cpu c, Insn in, boolean reverse) {
        long src = c.readE(in);
        long f = c.materializeFlags();
        if (src == 0) {
            c.fRes = f | Flags.ZF; // destination unchanged (AMD documents it; Intel hardware does the same)
            return;
        }
        int idx = reverse ? 63 - Long.numberOfLeadingZeros(src) : Long.numberOfTrailingZeros(src);
        c.setReg(in.reg, in.osize, idx);
        c.fRes = f & ~Flags.ZF;
    }

    /** TZCNT and LZCNT: CF = source is zero, ZF = result is zero. */
    static void count(Cpu c, Insn in, boolean leading) {
        int size = in.osize;
        int bits = size * 8;
        long src = c.readE(in);
        int n;
        if (src == 0) {
            n = bits;
        } else if (leading) {
            n = Long.numberOfLeadingZeros(src) - (64 - bits);
        } else {
            n = Long.numberOfTrailingZeros(src);
        }
        c.setReg(in.reg, size, n);
        long f = c.materializeFlags() & ~(Flags.CF | Flags.ZF);
        c.fRes = f | (src == 0 ? Flags.CF : 0) | (n == 0 ? Flags.ZF : 0);
    }

    static void popcnt(Cpu c, Insn in) {
        long src = c.readE(in);
        c.setReg(in.reg, in.osize, Long.bitCount(src));
        c.fOp = Flags.EAGER;
        c.fRes = src == 0 ? Flags.ZF : 0;
    }

    static void bswap(Cpu c, Insn in) {
        int r = in.reg;
        switch (in.osize) {
            case 8 -> c.regs[r] = Long.reverseBytes(c.regs[r]);
            case 4 -> c.regs[r] = Integer.reverseBytes((int) c.regs[r]) & 0xFFFFFFFFL;
            default -> c.setReg(r, 2, 0); // BSWAP r16 is undefined; hardware clears the low word
        }
    }

    static void setcc(Cpu c, Insn in) {
        c.writeE(in, Flags.cond(c, in.sub) ? 1 : 0);
    }

    static void cmov(Cpu c, Insn in) {
        long v = c.readE(in); // the source is read (and may fault) whatever the condition
        if (Flags.cond(c, in.sub)) {
            c.setReg(in.reg, in.osize, v);
        } else if (in.osize == 4) {
            c.regs[in.reg] &= 0xFFFFFFFFL; // a 32-bit destination is zero-extended even when not moved
        }
    }
}
