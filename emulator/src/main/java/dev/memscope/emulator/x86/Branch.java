package dev.memscope.emulator.x86;

/** Stack and control transfer: PUSH, POP, CALL, RET, JMP, Jcc, LOOP, JRCXZ, LEAVE, ENTER, PUSHF, POPF, SAHF, LAHF. */
final class Branch {
    private Branch() {
    }

    static void popE(Cpu c, Insn in) {
        int size = in.osize;
        long old = c.regs[Cpu.RSP];
        long v = c.read(old, size);
        c.regs[Cpu.RSP] = old + size; // an RSP-based destination address uses the incremented RSP
        try {
            c.writeE(in, v);
        } catch (CpuAbort a) {
            c.regs[Cpu.RSP] = old;
            throw a;
        }
    }

    static void popR(Cpu c, Insn in) {
        int size = in.osize;
        long v = c.read(c.regs[Cpu.RSP], size);
        c.regs[Cpu.RSP] += size;
        c.setReg(in.reg, size, v);
    }

    static void callE(Cpu c, Insn in) {
        long target = c.readE(in);
        c.push(8, c.rip);
        c.rip = target;
    }

    static void ret(Cpu c, Insn in) {
        long sp = c.regs[Cpu.RSP];
        long target = c.read64(sp);
        c.regs[Cpu.RSP] = sp + 8 + in.imm;
        c.rip = target;
    }

    static void leave(Cpu c, Insn in) {
        int size = in.osize;
        long bp = c.regs[5];
        long v = c.read(bp, size);
        c.regs[Cpu.RSP] = bp + size;
        c.setReg(5, size, v);
    }

    static void enter(Cpu c, Insn in) {
        int size = in.osize;
        int level = (int) in.imm2 & 31;
        long sp = c.regs[Cpu.RSP];
        long bp = c.regs[5];
        long frameTemp = sp - size;
        c.write(frameTemp, size, bp);
        long cur = frameTemp;
        for (int i = 1; i < level; i++) {
            bp -= size;
            cur -= size;
            c.write(cur, size, c.read(bp, size));
        }
        if (level > 0) {
            cur -= size;
            c.write(cur, size, frameTemp);
        }
        c.setReg(5, size, frameTemp);
        c.regs[Cpu.RSP] = cur - in.imm;
    }

    static void loop(Cpu c, Insn in) {
        long mask = in.a32 ? 0xFFFFFFFFL : -1L;
        long rcx = c.regs[1];
        boolean jump;
        if (in.sub == 3) { // JRCXZ / JECXZ
            jump = (rcx & mask) == 0;
        } else {
            rcx = in.a32 ? (rcx - 1) & mask : rcx - 1;
            c.regs[1] = rcx;
            jump = (rcx & mask) != 0;
            if (in.sub == 0) {
                jump &= !Flags.zf(c); // LOOPNE
            } else if (in.sub == 1) {
                jump &= Flags.zf(c); // LOOPE
            }
        }
        if (jump) {
            c.rip += in.imm;
        }
    }

    static void pushf(Cpu c, Insn in) {
        long f = c.rflags() & ~(Flags.RF | Flags.VM);
        c.push(in.osize, f);
    }

    static void popf(Cpu c, Insn in) {
        int size = in.osize;
        long v = c.read(c.regs[Cpu.RSP], size);
        c.regs[Cpu.RSP] += size;
        long old = c.rflags();
        long writable = Flags.WRITABLE & ~Flags.RF; // POPF clears RF
        int iopl = (int) (old >>> 12) & 3;
        if (c.cpl > 0) {
            writable &= ~Flags.IOPL;
        }
        if (c.cpl > iopl) {
            writable &= ~Flags.IF;
        }
        if (size == 2) {
            writable &= 0xFFFF;
        }
        c.setRflags((old & ~writable) | (v & writable));
    }

    static void sahf(Cpu c) {
        long ah = (c.regs[0] >>> 8) & 0xFF;
        long mask = Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF;
        long f = c.materializeFlags();
        c.fRes = (f & ~mask) | (ah & mask);
    }

    static void lahf(Cpu c) {
        long f = (c.rflags() & 0xD5) | 2;
        c.regs[0] = (c.regs[0] & ~0xFF00L) | (f << 8);
    }
}
