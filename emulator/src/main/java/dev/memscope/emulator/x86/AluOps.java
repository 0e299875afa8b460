package dev.memscope.emulator.x86;

/** ADD OR ADC SBB AND SUB XOR CMP, TEST, INC, DEC, NOT, NEG, CMPXCHG, CMPXCHG8B/16B, XADD (Intel SDM Vol. 2). */
final class AluOps {
    private AluOps() {
    }

    /** {@code dst kind src}; sets the lazy flags and returns the result (CMP returns it too; the caller drops it). */
    static long alu(Cpu c, int kind, long dst, long src, int size, long mask) {
        long res;
        switch (kind) {
            case Op.ADD -> {
                res = (dst + src) & mask;
                c.flags(Flags.ADD, res, dst, src, size);
            }
            case Op.OR -> {
                res = dst | src;
                c.flags(Flags.LOGIC, res, dst, src, size);
            }
            case Op.ADC -> {
                long cin = Flags.cf(c) ? 1 : 0;
                res = (dst + src + cin) & mask;
                c.flags(Flags.ADC, res, dst, src, size);
            }
            case Op.SBB -> {
                long cin = Flags.cf(c) ? 1 : 0;
                res = (dst - src - cin) & mask;
                c.flags(Flags.SBB, res, dst, src, size);
            }
            case Op.AND -> {
                res = dst & src;
                c.flags(Flags.LOGIC, res, dst, src, size);
            }
            case Op.XOR -> {
                res = dst ^ src;
                c.flags(Flags.LOGIC, res, dst, src, size);
            }
            default -> { // SUB, CMP
                res = (dst - src) & mask;
                c.flags(Flags.SUB, res, dst, src, size);
            }
        }
        return res;
    }

    static void aluEG(Cpu c, Insn in) {
        int size = in.osize;
        long src = c.getReg(in.reg, size);
        aluE(c, in, src);
    }

    static void aluEI(Cpu c, Insn in) {
        aluE(c, in, in.imm & in.mask);
    }

    private static void aluE(Cpu c, Insn in, long src) {
        int size = in.osize;
        int kind = in.sub;
        int r = in.rm;
        if (r >= 0) {
            long res = alu(c, kind, c.getReg(r, size), src, size, in.mask);
            if (kind != Op.CMP) {
                c.setReg(r, size, res);
            }
            return;
        }
        long la = c.ea(in);
        if (kind == Op.CMP) {
            alu(c, kind, c.read(la, size), src, size, in.mask);
            return;
        }
        long dst = c.readRmw(in, la);
        c.write(la, size, alu(c, kind, dst, src, size, in.mask));
    }

    static void aluGE(Cpu c, Insn in) {
        int size = in.osize;
        long src = c.readE(in);
        long res = alu(c, in.sub, c.getReg(in.reg, size), src, size, in.mask);
        if (in.sub != Op.CMP) {
            c.setReg(in.reg, size, res);
        }
    }

    static void testEG(Cpu c, Insn in) {
        long res = c.readE(in) & c.getReg(in.reg, in.osize);
        c.flags(Flags.LOGIC, res, 0, 0, in.osize);
    }

    static void testEI(Cpu c, Insn in) {
        long res = c.readE(in) & in.imm & in.mask;
        c.flags(Flags.LOGIC, res, 0, 0, in.osize);
    }

    static void incDec(Cpu c, Insn in, boolean inc) {
        long la = in.rm >= 0 ? 0 : c.ea(in);
        long dst = c.readRmw(in, la);
        long res = (inc ? dst + 1 : dst - 1) & in.mask;
        long carry = Flags.cf(c) ? Flags.CF : 0;
        c.writeRmw(in, la, res);
        c.flags(inc ? Flags.INC : Flags.DEC, res, dst, 1, in.osize);
        c.fCarry = carry;
    }

    static void not(Cpu c, Insn in) {
        long la = in.rm >= 0 ? 0 : c.ea(in);
        c.writeRmw(in, la, ~c.readRmw(in, la) & in.mask);
    }

    static void neg(Cpu c, Insn in) {
        long la = in.rm >= 0 ? 0 : c.ea(in);
        long dst = c.readRmw(in, la);
        long res = -dst & in.mask;
        c.writeRmw(in, la, res);
        c.flags(Flags.SUB, res, 0, dst, in.osize);
    }

    static void cmpxchg(Cpu c, Insn in) {
        int size = in.osize;
        long la = in.rm >= 0 ? 0 : c.ea(in);
        long dst = c.readRmw(in, la);
        long acc = c.getReg(0, size);
        alu(c, Op.CMP, acc, dst, size, in.mask);
        if (acc == dst) {
            c.writeRmw(in, la, c.getReg(in.reg, size));
        } else {
            if (in.rm < 0) {
                c.write(la, size, dst); // the destination is written back unchanged, as the SDM describes
            }
            c.setReg(0, size, dst);
        }
    }

    static void xadd(Cpu c, Insn in) {
        int size = in.osize;
        long la = in.rm >= 0 ? 0 : c.ea(in);
        long dst = c.readRmw(in, la);
        long src = c.getReg(in.reg, size);
        long res = alu(c, Op.ADD, dst, src, size, in.mask);
        c.setReg(in.reg, size, dst);
        c.writeRmw(in, la, res);
    }

    /** CMPXCHG16B m128 (osize 8) and CMPXCHG8B m64 (osize 4). */
    static void cmpxchgWide(Cpu c, Insn in) {
        long la = c.ea(in);
        int half = in.osize;
        if (half == 8 && (la & 15) != 0) {
            throw c.gp0();
        }
        c.probeWrite(la, half * 2);
        long lo = c.read(la, half);
        long hi = c.read(la + half, half);
        long f = c.materializeFlags();
        if (lo == c.getReg(0, half) && hi == c.getReg(2, half)) {
            c.write(la, half, c.getReg(3, half));
            c.write(la + half, half, c.getReg(1, half));
            c.fRes = f | Flags.ZF;
        } else {
            c.write(la, half, lo);
            c.write(la + half, half, hi);
            c.setReg(0, half, lo);
            c.setReg(2, half, hi);
            c.fRes = f & ~Flags.ZF;
        }
    }
}
