package dev.memscope.emulator.x86;

import dev.memscope.emulator.backend.KvmSegment;

/**
 * Privileged and system instructions: HLT, CPUID, RDTSC(P), RDMSR/WRMSR, port I/O, moves to and from control and debug
 * registers, LGDT/LIDT/SGDT/SIDT, LTR/STR/LLDT/SLDT, INVLPG, SWAPGS, segment-register moves, IRETQ, CLI/STI.
 */
final class SystemOps {
    static final long CR0_PE = 1, CR0_TS = 1 << 3, CR0_ET = 1 << 4, CR0_NE = 1 << 5, CR0_WP = 1 << 16,
            CR0_AM = 1 << 18, CR0_NW = 1L << 29, CR0_CD = 1L << 30, CR0_PG = 1L << 31;
    static final long CR0_WRITABLE = CR0_PE | 2 | 4 | CR0_TS | CR0_ET | CR0_NE | CR0_WP | CR0_AM | CR0_NW | CR0_CD
            | CR0_PG;
    static final long CR4_PAE = 1 << 5;
    /** CR4 bits the model accepts: VME PVI TSD DE PSE PAE MCE PGE PCE OSFXSR OSXMMEXCPT. */
    static final long CR4_WRITABLE = 0x7FF;

    private SystemOps() {
    }

    static void requireCpl0(Cpu c) {
        if (c.cpl != 0) {
            throw c.gp0();
        }
    }

    static void hlt(Cpu c) {
        requireCpl0(c);
        VmExit e = c.exit;
        e.reason = VmExit.HLT;
        e.rip = c.curRip;
        e.nextRip = c.rip;
        c.exitAfterInstruction();
    }

    static void cpuid(Cpu c) {
        int[] out = new int[4];
        Cpuid.query((int) c.regs[0], (int) c.regs[1], out);
        c.regs[0] = out[0] & 0xFFFFFFFFL;
        c.regs[3] = out[1] & 0xFFFFFFFFL;
        c.regs[1] = out[2] & 0xFFFFFFFFL;
        c.regs[2] = out[3] & 0xFFFFFFFFL;
    }

    static void rdtsc(Cpu c, boolean withAux) {
        if ((c.cr4 & 4) != 0 && c.cpl != 0) { // CR4.TSD
            throw c.gp0();
        }
        long tsc = c.icount + c.msrs.tscOffset;
        c.regs[0] = tsc & 0xFFFFFFFFL;
        c.regs[2] = tsc >>> 32;
        if (withAux) {
            c.regs[1] = c.msrs.tscAux;
        }
    }

    static void rdmsr(Cpu c) {
        requireCpl0(c);
        long[] out = new long[1];
        if (!Msrs.read(c, (int) c.regs[1], out)) {
            throw c.gp0();
        }
        c.regs[0] = out[0] & 0xFFFFFFFFL;
        c.regs[2] = out[0] >>> 32;
    }

    static void wrmsr(Cpu c) {
        requireCpl0(c);
        long v = (c.regs[2] << 32) | (c.regs[0] & 0xFFFFFFFFL);
        if (!Msrs.write(c, (int) c.regs[1], v)) {
            throw c.gp0();
        }
    }

    private static void checkIo(Cpu c) {
        int iopl = (int) (c.rflagsRest >>> 12) & 3;
        if (c.cpl > iopl) {
            throw c.gp0(); // no I/O permission bitmap is modelled: ports need CPL <= IOPL
        }
    }

    static void out(Cpu c, Insn in, int port) {
        checkIo(c);
        VmExit e = c.exit;
        e.reason = VmExit.IO_INSTRUCTION;
        e.port = port;
        e.size = in.osize;
        e.isWrite = true;
        e.value = c.getReg(0, in.osize);
        e.rip = c.curRip;
        e.nextRip = c.rip;
        c.exitAfterInstruction();
    }

    static void in(Cpu c, Insn in, int port) {
        checkIo(c);
        VmExit e = c.exit;
        e.reason = VmExit.IO_INSTRUCTION;
        e.port = port;
        e.size = in.osize;
        e.isWrite = false;
        e.rip = c.curRip;
        e.nextRip = c.rip;
        c.waitForIn(in.osize, c.rip);
        throw c.exitNow();
    }

    static void movFromCr(Cpu c, Insn in) {
        requireCpl0(c);
        long v = switch (in.reg) {
            case 0 -> c.cr0;
            case 2 -> c.cr2;
            case 3 -> c.cr3;
            case 4 -> c.cr4;
            case 8 -> c.cr8;
            default -> throw c.ud();
        };
        c.regs[in.rm] = v;
    }

    static void movToCr(Cpu c, Insn in) {
        requireCpl0(c);
        long v = c.regs[in.rm];
        switch (in.reg) {
            case 0 -> writeCr0(c, v);
            case 2 -> c.cr2 = v;
            case 3 -> {
                if ((v & ~((1L << GuestPageWalker.MAXPHYADDR) - 1)) != 0) {
                    throw c.gp0();
                }
                c.cr3 = v;
                c.flushTlb();
                c.translator.cr3Written(c, v);
            }
            case 4 -> {
                if ((v & ~CR4_WRITABLE) != 0 || (v & CR4_PAE) == 0) {
                    throw c.gp0(); // unsupported feature bits, or leaving PAE in long mode
                }
                long old = c.cr4;
                c.cr4 = v;
                if (((old ^ v) & 0xB0) != 0) { // PSE, PAE, PGE
                    c.flushTlb();
                    c.translator.pagingModeChanged(c);
                }
            }
            case 8 -> {
                if ((v & ~0xFL) != 0) {
                    throw c.gp0();
                }
                c.cr8 = v;
            }
            default -> throw c.ud();
        }
    }

    static void writeCr0(Cpu c, long v) {
        if ((v & ~CR0_WRITABLE) != 0 || (v & CR0_PG) == 0 || (v & CR0_PE) == 0 || ((v & CR0_NW) != 0
                && (v & CR0_CD) == 0)) {
            throw c.gp0(); // reserved bits, or leaving paging/protected mode from 64-bit mode
        }
        long old = c.cr0;
        c.cr0 = v | CR0_ET;
        if (((old ^ v) & (CR0_PG | CR0_WP)) != 0) {
            c.flushTlb();
            c.translator.pagingModeChanged(c);
        }
    }

    static void movDr(Cpu c, Insn in, boolean to) {
        requireCpl0(c);
        int n = in.reg;
        if (n == 4 || n == 5 || n > 7) {
            throw c.ud(); // CR4.DE semantics: DR4/DR5 are not aliases here
        }
        if (to) {
            c.dr[n] = c.regs[in.rm];
        } else {
            c.regs[in.rm] = n == 6 ? c.dr[6] | 0xFFFF0FF0L : n == 7 ? c.dr[7] | 0x400 : c.dr[n];
        }
    }

    static void lgdtLidt(Cpu c, Insn in, boolean idt) {
        requireCpl0(c);
        long la = c.ea(in);
        int limit = (int) c.read16(la);
        long base = c.read64(la + 2);
        if (base << 16 >> 16 != base) {
            throw c.gp0();
        }
        if (idt) {
            c.idtBase = base;
            c.idtLimit = limit;
        } else {
            c.gdtBase = base;
            c.gdtLimit = limit;
        }
    }

    static void sgdtSidt(Cpu c, Insn in, boolean idt) {
        long la = c.ea(in);
        c.probeWrite(la, 10);
        c.write16(la, idt ? c.idtLimit : c.gdtLimit);
        c.write64(la + 2, idt ? c.idtBase : c.gdtBase);
    }

    static void ltr(Cpu c, Insn in) {
        requireCpl0(c);
        int sel = (int) c.readE(in) & 0xFFFF;
        if ((sel & ~3) == 0) {
            throw c.gp0();
        }
        long lo = Descriptors.read(c, sel, sel & ~3);
        long hi = Descriptors.read(c, sel + 8, sel & ~3);
        KvmSegment k = Descriptors.decode(lo, sel);
        if (k.s() || k.type() != 9) {
            throw c.fault(Events.GP, sel & ~3, true); // must be an available 64-bit TSS
        }
        if (!k.present()) {
            throw c.fault(Events.NP, sel & ~3, true);
        }
        long base = k.base() | (hi << 32);
        int index = sel & ~7;
        c.mmu.implicitSupervisor = true;
        try {
            c.write64(c.gdtBase + index, lo | (2L << 40)); // mark busy
        } finally {
            c.mmu.implicitSupervisor = false;
        }
        c.tr = new KvmSegment(base, k.limit(), sel, 0xB, true, k.dpl(), false, false, false, k.g(), k.avl(), false);
    }

    static void lldt(Cpu c, Insn in) {
        requireCpl0(c);
        int sel = (int) c.readE(in) & 0xFFFF;
        if ((sel & ~3) == 0) {
            c.ldt = new KvmSegment(0, 0, sel, 2, false, 0, false, false, false, false, false, true);
            return;
        }
        long lo = Descriptors.read(c, sel, sel & ~3);
        long hi = Descriptors.read(c, sel + 8, sel & ~3);
        KvmSegment k = Descriptors.decode(lo, sel);
        if (k.s() || k.type() != 2) {
            throw c.fault(Events.GP, sel & ~3, true);
        }
        c.ldt = new KvmSegment(k.base() | (hi << 32), k.limit(), sel, 2, k.present(), 0, false, false, false,
                k.g(), false, false);
    }

    /** STR, SLDT, SMSW, MOV from a segment register: a register destination takes the operand size. */
    static void storeSelector(Cpu c, Insn in, long value) {
        if (in.rm >= 0) {
            c.setReg(in.rm, in.osize == 1 ? 2 : in.osize, value);
        } else {
            c.write16(c.ea(in), value);
        }
    }

    static void invlpg(Cpu c, Insn in) {
        requireCpl0(c);
        long la = c.ea(in);
        c.flushTlbPage(la);
        c.translator.invlpg(c, la);
    }

    static void swapgs(Cpu c) {
        requireCpl0(c);
        long t = c.segBase[Cpu.GS];
        c.segBase[Cpu.GS] = c.msrs.kernelGsBase;
        c.msrs.kernelGsBase = t;
    }

    static void movToSreg(Cpu c, Insn in) {
        int sel = (int) c.readE(in) & 0xFFFF;
        int s = in.reg;
        long base = c.segBase[s];
        KvmSegment k = Descriptors.loadData(c, sel, s);
        c.loadSegment(s, k);
        if (s == Cpu.FS || s == Cpu.GS) {
            c.segBase[s] = k.base() & 0xFFFFFFFFL; // loading the selector loads the 32-bit descriptor base
        } else {
            c.segBase[s] = base;
        }
    }

    static void popSreg(Cpu c, Insn in) {
        int size = in.osize;
        long v = c.read(c.regs[Cpu.RSP], size);
        KvmSegment k = Descriptors.loadData(c, (int) v & 0xFFFF, in.reg);
        c.regs[Cpu.RSP] += size;
        c.loadSegment(in.reg, k);
    }

    static void iret(Cpu c, Insn in) {
        if (!in.rexW) {
            throw c.ud(); // IRETD/IRET (32/16-bit frames) are not implemented; 64-bit code uses IRETQ
        }
        long sp = c.regs[Cpu.RSP];
        long newRip = c.read64(sp);
        int csSel = (int) c.read64(sp + 8) & 0xFFFF;
        long newFlags = c.read64(sp + 16);
        long newRsp = c.read64(sp + 24);
        int ssSel = (int) c.read64(sp + 32) & 0xFFFF;
        int rpl = csSel & 3;
        if (rpl < c.cpl) {
            throw c.fault(Events.GP, csSel & ~3, true);
        }
        KvmSegment cs = Descriptors.loadCode(c, csSel, 0);
        if (cs.dpl() != rpl) {
            throw c.fault(Events.GP, csSel & ~3, true);
        }
        KvmSegment ss = (ssSel & ~3) == 0 && rpl < 3 ? Descriptors.nullSegment(rpl)
                : Descriptors.loadData(c, ssSel, Cpu.SS);
        if (newRip << 16 >> 16 != newRip) {
            throw c.gp0();
        }
        long old = c.rflags();
        long writable = Flags.WRITABLE;
        int iopl = (int) (old >>> 12) & 3;
        if (c.cpl > 0) {
            writable &= ~Flags.IOPL;
        }
        if (c.cpl > iopl) {
            writable &= ~Flags.IF;
        }
        c.setRflags((old & ~writable) | (newFlags & writable));
        c.loadSegment(Cpu.CS, cs);
        c.loadSegment(Cpu.SS, ss);
        c.regs[Cpu.RSP] = newRsp;
        c.rip = newRip;
        c.setCpl(rpl);
    }

    static void cliSti(Cpu c, boolean set) {
        int iopl = (int) (c.rflagsRest >>> 12) & 3;
        if (c.cpl > iopl) {
            throw c.gp0();
        }
        c.rflagsRest = set ? c.rflagsRest | Flags.IF : c.rflagsRest & ~Flags.IF;
    }

    static void carry(Cpu c, int how) {
        long f = c.materializeFlags();
        c.fRes = switch (how) {
            case 0 -> f ^ Flags.CF; // CMC
            case 1 -> f & ~Flags.CF; // CLC
            default -> f | Flags.CF; // STC
        };
    }

    static void clts(Cpu c) {
        requireCpl0(c);
        c.cr0 &= ~CR0_TS;
    }

    static void lmsw(Cpu c, Insn in) {
        requireCpl0(c);
        long v = c.readE(in) & 0xF;
        writeCr0(c, (c.cr0 & ~0xEL) | v | (c.cr0 & CR0_PE));
    }
}
