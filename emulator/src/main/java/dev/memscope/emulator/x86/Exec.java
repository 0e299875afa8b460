package dev.memscope.emulator.x86;

/** Executes one decoded instruction: dispatch on {@link Insn#op} to the instruction groups. */
final class Exec {
    private Exec() {
    }

    static void execute(Cpu c, Insn in) {
        long[] r = c.regs;
        switch (in.xop) {
            case Fast.MOV64_RR_EG -> r[in.rm] = r[in.reg];
            case Fast.MOV32_RR_EG -> r[in.rm] = r[in.reg] & 0xFFFFFFFFL;
            case Fast.MOV64_RR_GE -> r[in.reg] = r[in.rm];
            case Fast.MOV32_RR_GE -> r[in.reg] = r[in.rm] & 0xFFFFFFFFL;
            case Fast.LOAD64 -> r[in.reg] = c.read64(Fast.ea(c, in));
            case Fast.LOAD32 -> r[in.reg] = c.read32(Fast.ea(c, in));
            case Fast.STORE64 -> c.write64(Fast.ea(c, in), r[in.reg]);
            case Fast.STORE32 -> c.write32(Fast.ea(c, in), r[in.reg]);
            case Fast.STORE8_I -> c.write8(Fast.ea(c, in), in.imm);
            case Fast.MOV_RI -> r[in.rm] = in.imm;
            case Fast.LEA64 -> r[in.reg] = Fast.ea(c, in);
            case Fast.ALU64_RR -> Fast.alu64(c, in.sub, in.rm, r[in.reg]);
            case Fast.ADD_RR64, Fast.OR_RR64, Fast.AND_RR64, Fast.SUB_RR64, Fast.XOR_RR64, Fast.CMP_RR64 ->
                    Fast.alu64(c, in.sub, in.rm, r[in.reg]);
            case Fast.ADD_RI64, Fast.OR_RI64, Fast.AND_RI64, Fast.SUB_RI64, Fast.XOR_RI64, Fast.CMP_RI64 ->
                    Fast.alu64(c, in.sub, in.rm, in.imm);
            case Fast.ADD_RR32, Fast.OR_RR32, Fast.AND_RR32, Fast.SUB_RR32, Fast.XOR_RR32, Fast.CMP_RR32 ->
                    Fast.alu32(c, in.sub, in.rm, r[in.reg] & 0xFFFFFFFFL);
            case Fast.ADD_RI32, Fast.OR_RI32, Fast.AND_RI32, Fast.SUB_RI32, Fast.XOR_RI32, Fast.CMP_RI32 ->
                    Fast.alu32(c, in.sub, in.rm, in.imm);
            case Fast.ALU32_RR -> Fast.alu32(c, in.sub, in.rm, r[in.reg] & 0xFFFFFFFFL);
            case Fast.ALU64_RI -> Fast.alu64(c, in.sub, in.rm, in.imm);
            case Fast.ALU32_RI -> Fast.alu32(c, in.sub, in.rm, in.imm);
            case Fast.SHIFT64_RI -> Fast.shift(c, in, 8);
            case Fast.ALU64_MR -> Fast.alu64Mem(c, in);
            case Fast.SHIFT32_RI -> Fast.shift(c, in, 4);
            case Fast.TEST_RR -> c.flags(Flags.LOGIC, r[in.rm] & r[in.reg] & in.mask, 0, 0, in.osize);
            case Fast.CMP8_MI -> {
                long d = c.read8(Fast.ea(c, in));
                c.flags(Flags.SUB, (d - in.imm) & 0xFF, d, in.imm, 1);
            }
            case Fast.PUSH64 -> c.push64(r[in.reg]);
            case Fast.POP64 -> {
                long sp = r[Cpu.RSP];
                long v = c.read64(sp);
                r[Cpu.RSP] = sp + 8;
                r[in.reg] = v;
            }
            case Op.JCC -> {
                if (Flags.cond(c, in.sub)) {
                    c.rip += in.imm;
                }
            }
            case Op.CALL_REL -> {
                c.push64(c.rip);
                c.rip += in.imm;
            }
            case Op.RET, Fast.RET_NEAR -> Branch.ret(c, in);
            default -> general(c, in);
        }
    }

    private static void general(Cpu c, Insn in) {
        switch (in.op) {
            case Op.MOV_EG -> c.writeE(in, c.getReg(in.reg, in.osize));
            case Op.MOV_GE -> c.setReg(in.reg, in.osize, c.readE(in));
            case Op.MOV_EI -> c.writeE(in, in.imm);
            case Op.LEA -> c.setReg(in.reg, in.osize, lea(c, in));
            case Op.MOVZX -> c.setReg(in.reg, in.osize, readSized(c, in, in.sub));
            case Op.MOVSX -> c.setReg(in.reg, in.osize, Flags.signExtend(readSized(c, in, in.sub), in.sub));
            case Op.XCHG -> xchg(c, in);
            case Op.MOV_MOFFS_LOAD -> c.setReg(0, in.osize, c.read(moffs(c, in), in.osize));
            case Op.MOV_MOFFS_STORE -> c.write(moffs(c, in), in.osize, c.getReg(0, in.osize));
            case Op.CMOV -> BitOps.cmov(c, in);
            case Op.SETCC -> BitOps.setcc(c, in);
            case Op.BSWAP -> BitOps.bswap(c, in);
            case Op.XLAT -> c.setReg(0, 1, c.read8(xlatAddress(c, in)));
            case Op.ALU_EG -> AluOps.aluEG(c, in);
            case Op.ALU_GE -> AluOps.aluGE(c, in);
            case Op.ALU_EI -> AluOps.aluEI(c, in);
            case Op.TEST_EG -> AluOps.testEG(c, in);
            case Op.TEST_EI -> AluOps.testEI(c, in);
            case Op.INC -> AluOps.incDec(c, in, true);
            case Op.DEC -> AluOps.incDec(c, in, false);
            case Op.NOT -> AluOps.not(c, in);
            case Op.NEG -> AluOps.neg(c, in);
            case Op.MUL -> MulDiv.mul(c, in);
            case Op.IMUL1 -> MulDiv.imul1(c, in);
            case Op.IMUL2 -> MulDiv.imulTrunc(c, in, c.getReg(in.reg, in.osize));
            case Op.IMUL3 -> MulDiv.imulTrunc(c, in, in.imm);
            case Op.DIV -> MulDiv.div(c, in);
            case Op.IDIV -> MulDiv.idiv(c, in);
            case Op.CBW -> MulDiv.cbw(c, in);
            case Op.CWD -> MulDiv.cwd(c, in);
            case Op.CMPXCHG -> AluOps.cmpxchg(c, in);
            case Op.CMPXCHG16B -> AluOps.cmpxchgWide(c, in);
            case Op.XADD -> AluOps.xadd(c, in);
            case Op.SHIFT_1 -> ShiftOps.shift(c, in, 1);
            case Op.SHIFT_CL -> ShiftOps.shift(c, in, c.regs[1]);
            case Op.SHIFT_I -> ShiftOps.shift(c, in, in.imm);
            case Op.SHLD_I -> ShiftOps.doubleShift(c, in, in.imm, true);
            case Op.SHLD_CL -> ShiftOps.doubleShift(c, in, c.regs[1], true);
            case Op.SHRD_I -> ShiftOps.doubleShift(c, in, in.imm, false);
            case Op.SHRD_CL -> ShiftOps.doubleShift(c, in, c.regs[1], false);
            case Op.BT_G -> BitOps.btG(c, in);
            case Op.BT_I -> BitOps.btI(c, in);
            case Op.BSF -> BitOps.bsf(c, in, false);
            case Op.BSR -> BitOps.bsf(c, in, true);
            case Op.TZCNT -> BitOps.count(c, in, false);
            case Op.LZCNT -> BitOps.count(c, in, true);
            case Op.POPCNT -> BitOps.popcnt(c, in);
            case Op.PUSH_R -> c.push(in.osize, c.getReg(in.reg, in.osize));
            case Op.POP_R -> Branch.popR(c, in);
            case Op.PUSH_I -> c.push(in.osize, in.imm);
            case Op.PUSH_E -> c.push(in.osize, c.readE(in));
            case Op.POP_E -> Branch.popE(c, in);
            case Op.JCC -> {
                if (Flags.cond(c, in.sub)) {
                    c.rip += in.imm;
                }
            }
            case Op.JMP_REL -> c.rip += in.imm;
            case Op.CALL_REL -> {
                c.push(8, c.rip);
                c.rip += in.imm;
            }
            case Op.JMP_E -> c.rip = c.readE(in);
            case Op.CALL_E -> Branch.callE(c, in);
            case Op.RET -> Branch.ret(c, in);
            case Op.LEAVE -> Branch.leave(c, in);
            case Op.ENTER -> Branch.enter(c, in);
            case Op.LOOP -> Branch.loop(c, in);
            case Op.PUSHF -> Branch.pushf(c, in);
            case Op.POPF -> Branch.popf(c, in);
            case Op.SAHF -> Branch.sahf(c);
            case Op.LAHF -> Branch.lahf(c);
            case Op.PUSH_SREG -> c.push(in.osize, c.seg[in.reg].selector());
            case Op.POP_SREG -> SystemOps.popSreg(c, in);
            case Op.MOVS, Op.CMPS, Op.STOS, Op.LODS, Op.SCAS -> StringOps.execute(c, in);
            case Op.CMC -> SystemOps.carry(c, 0);
            case Op.CLC -> SystemOps.carry(c, 1);
            case Op.STC -> SystemOps.carry(c, 2);
            case Op.CLI -> SystemOps.cliSti(c, false);
            case Op.STI -> SystemOps.cliSti(c, true);
            case Op.CLD -> c.rflagsRest &= ~Flags.DF;
            case Op.STD -> c.rflagsRest |= Flags.DF;
            case Op.NOP -> {
            }
            case Op.HLT -> SystemOps.hlt(c);
            case Op.CPUID -> SystemOps.cpuid(c);
            case Op.RDTSC -> SystemOps.rdtsc(c, false);
            case Op.RDTSCP -> SystemOps.rdtsc(c, true);
            case Op.RDMSR -> SystemOps.rdmsr(c);
            case Op.WRMSR -> SystemOps.wrmsr(c);
            case Op.INT3 -> throw c.events.softwareInterrupt(Events.BP, in.len, true);
            case Op.INTN -> throw c.events.softwareInterrupt((int) in.imm, in.len, true);
            case Op.INT1 -> throw c.events.softwareInterrupt(Events.DB, in.len, false);
            case Op.IRET -> SystemOps.iret(c, in);
            case Op.IN_I -> SystemOps.in(c, in, (int) in.imm);
            case Op.IN_DX -> SystemOps.in(c, in, (int) c.regs[2] & 0xFFFF);
            case Op.OUT_I -> SystemOps.out(c, in, (int) in.imm);
            case Op.OUT_DX -> SystemOps.out(c, in, (int) c.regs[2] & 0xFFFF);
            case Op.MOV_FROM_CR -> SystemOps.movFromCr(c, in);
            case Op.MOV_TO_CR -> SystemOps.movToCr(c, in);
            case Op.MOV_FROM_DR -> SystemOps.movDr(c, in, false);
            case Op.MOV_TO_DR -> SystemOps.movDr(c, in, true);
            case Op.LGDT -> SystemOps.lgdtLidt(c, in, false);
            case Op.LIDT -> SystemOps.lgdtLidt(c, in, true);
            case Op.SGDT -> SystemOps.sgdtSidt(c, in, false);
            case Op.SIDT -> SystemOps.sgdtSidt(c, in, true);
            case Op.LTR -> SystemOps.ltr(c, in);
            case Op.STR -> SystemOps.storeSelector(c, in, c.tr.selector());
            case Op.LLDT -> SystemOps.lldt(c, in);
            case Op.SLDT -> SystemOps.storeSelector(c, in, c.ldt.selector());
            case Op.INVLPG -> SystemOps.invlpg(c, in);
            case Op.SWAPGS -> SystemOps.swapgs(c);
            case Op.MOV_TO_SREG -> SystemOps.movToSreg(c, in);
            case Op.MOV_FROM_SREG -> SystemOps.storeSelector(c, in, c.seg[in.reg].selector());
            case Op.CLTS -> SystemOps.clts(c);
            case Op.SMSW -> SystemOps.storeSelector(c, in, in.rm >= 0 ? c.cr0 : c.cr0 & 0xFFFF);
            case Op.LMSW -> SystemOps.lmsw(c, in);
            case Op.SSE -> throw sse(c, in);
            default -> throw c.ud();
        }
    }

    private static long lea(Cpu c, Insn in) {
        long a = in.disp;
        if (in.base >= 0) {
            a += in.base == Insn.RIP ? c.rip : c.regs[in.base];
        }
        if (in.index >= 0) {
            a += c.regs[in.index] << in.scale;
        }
        return in.a32 ? a & 0xFFFFFFFFL : a; // no segment base: LEA yields the offset
    }

    private static long readSized(Cpu c, Insn in, int size) {
        return in.rm >= 0 ? c.getReg(in.rm, size) : c.read(c.ea(in), size);
    }

    private static void xchg(Cpu c, Insn in) {
        int size = in.osize;
        if (in.rm >= 0) {
            long a = c.getReg(in.rm, size);
            long b = c.getReg(in.reg, size);
            c.setReg(in.rm, size, b);
            c.setReg(in.reg, size, a);
            return;
        }
        long la = c.ea(in);
        long a = c.readRmw(in, la);
        c.write(la, size, c.getReg(in.reg, size));
        c.setReg(in.reg, size, a);
    }

    private static long moffs(Cpu c, Insn in) {
        return in.seg < 0 ? in.disp : in.disp + c.segBase[in.seg];
    }

    private static long xlatAddress(Cpu c, Insn in) {
        long a = c.regs[3] + (c.regs[0] & 0xFF);
        if (in.a32) {
            a &= 0xFFFFFFFFL;
        }
        return in.seg < 0 ? a : a + c.segBase[in.seg];
    }

    private static RuntimeException sse(Cpu c, Insn in) {
        byte[] bytes = c.mmu.peekBytes(c.curRip, in.len);
        String name = SseNames.name(bytes);
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xFF));
        }
        c.internalError(String.format("SSE/x87/AVX instruction %s at RIP 0x%x (bytes [%s]): Memscope's emulator "
                + "implements the integer instruction set only; build the guest with -mno-sse -mno-mmx -mno-80387 "
                + "-mno-red-zone (DESIGN.md, Guest ABI)", name == null ? "(vector or x87)" : name, c.curRip, hex));
        return c.exitNow();
    }
}
