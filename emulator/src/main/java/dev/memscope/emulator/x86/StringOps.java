package dev.memscope.emulator.x86;

/**
 * MOVS, CMPS, STOS, LODS, SCAS with REP/REPE/REPNE (Intel SDM Vol. 2, "REP/REPE/REPZ/REPNE/REPNZ"). Each iteration
 * commits RSI/RDI/RCX, so a fault in the middle leaves a restartable state, as on hardware. A repeated instruction
 * counts as one instruction. An MMIO write that exits ends the instruction after its iteration; RIP stays at the
 * instruction while RCX is not zero, so the next run continues it.
 */
final class StringOps {
    private static final int RSI = 6, RDI = 7, RCX = 1;

    private StringOps() {
    }

    static void execute(Cpu c, Insn in) {
        long amask = in.a32 ? 0xFFFFFFFFL : -1L;
        if (in.rep == 0) {
            once(c, in, amask);
            return;
        }
        VmExit exit = c.exit;
        boolean conditional = in.op == Op.CMPS || in.op == Op.SCAS;
        while ((c.regs[RCX] & amask) != 0) {
            once(c, in, amask);
            c.regs[RCX] = in.a32 ? (c.regs[RCX] - 1) & amask : c.regs[RCX] - 1;
            if (conditional && Flags.zf(c) != (in.rep == Insn.REP)) {
                break;
            }
            if (exit.reason != VmExit.NONE) {
                if ((c.regs[RCX] & amask) != 0) {
                    c.rip = c.curRip;
                }
                break;
            }
        }
    }

    private static long segSrc(Cpu c, Insn in) {
        return in.seg < 0 ? 0 : c.segBase[in.seg];
    }

    private static void once(Cpu c, Insn in, long amask) {
        int size = in.osize;
        long step = (c.rflagsRest & Flags.DF) != 0 ? -size : size;
        long[] r = c.regs;
        switch (in.op) {
            case Op.MOVS -> {
                long v = c.read(segSrc(c, in) + (r[RSI] & amask), size);
                c.write(r[RDI] & amask, size, v);
                r[RSI] = advance(r[RSI], step, in.a32);
                r[RDI] = advance(r[RDI], step, in.a32);
            }
            case Op.STOS -> {
                c.write(r[RDI] & amask, size, c.getReg(0, size));
                r[RDI] = advance(r[RDI], step, in.a32);
            }
            case Op.LODS -> {
                long v = c.read(segSrc(c, in) + (r[RSI] & amask), size);
                c.setReg(0, size, v);
                r[RSI] = advance(r[RSI], step, in.a32);
            }
            case Op.CMPS -> {
                long a = c.read(segSrc(c, in) + (r[RSI] & amask), size);
                long b = c.read(r[RDI] & amask, size);
                AluOps.alu(c, Op.CMP, a, b, size, in.mask);
                r[RSI] = advance(r[RSI], step, in.a32);
                r[RDI] = advance(r[RDI], step, in.a32);
            }
            default -> { // SCAS
                long b = c.read(r[RDI] & amask, size);
                AluOps.alu(c, Op.CMP, c.getReg(0, size), b, size, in.mask);
                r[RDI] = advance(r[RDI], step, in.a32);
            }
        }
    }

    private static long advance(long reg, long step, boolean a32) {
        return a32 ? (reg + step) & 0xFFFFFFFFL : reg + step;
    }
}
