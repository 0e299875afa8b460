package dev.memscope.emulator.x86;

/** The two-byte opcode map {@code 0F xx} (Intel SDM Vol. 2, Table A-3), the integer and system part. */
final class TwoByteMap {
    private TwoByteMap() {
    }

    static void decode(Decoder d, Insn in, int b, int rex, int v) {
        switch (b) {
            case 0x00 -> group6(d, in, rex);
            case 0x01 -> group7(d, in, rex);
            case 0x06 -> in.op = Op.CLTS;
            case 0x08, 0x09 -> in.op = Op.NOP; // invd, wbinvd: no caches to write back
            case 0x0B -> in.op = Op.UD; // ud2
            case 0x0D, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F -> { // prefetch, hint nops (nopw/nopl)
                d.modrm(in, rex, false);
                in.op = Op.NOP;
            }
            case 0x20, 0x21, 0x22, 0x23 -> {
                // MOV to/from control and debug registers: the mod field is ignored, operands are registers.
                int m = d.nextU8();
                in.modrm = m;
                in.reg = (m >>> 3) & 7 | (rex & 4) << 1;
                in.rm = m & 7 | (rex & 1) << 3;
                in.setSize(8);
                in.op = switch (b) {
                    case 0x20 -> Op.MOV_FROM_CR;
                    case 0x21 -> Op.MOV_FROM_DR;
                    case 0x22 -> Op.MOV_TO_CR;
                    default -> Op.MOV_TO_DR;
                };
            }
            case 0x30 -> in.op = Op.WRMSR;
            case 0x31 -> in.op = Op.RDTSC;
            case 0x32 -> in.op = Op.RDMSR;
            case 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F -> {
                d.modrm(in, rex, false);
                in.op = Op.CMOV;
                in.sub = b & 15;
            }
            case 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F -> {
                in.op = Op.JCC;
                in.sub = b & 15;
                in.imm = d.nextS32();
            }
            case 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F -> {
                d.modrm(in, rex, true);
                in.op = Op.SETCC;
                in.sub = b & 15;
                in.setSize(1);
            }
            case 0xA0, 0xA8 -> {
                in.op = Op.PUSH_SREG;
                in.reg = b == 0xA0 ? 4 : 5;
                in.setSize(in.opsizePrefix ? 2 : 8);
            }
            case 0xA1, 0xA9 -> {
                in.op = Op.POP_SREG;
                in.reg = b == 0xA1 ? 4 : 5;
                in.setSize(in.opsizePrefix ? 2 : 8);
            }
            case 0xA2 -> in.op = Op.CPUID;
            case 0xA3, 0xAB, 0xB3, 0xBB -> {
                d.modrm(in, rex, false);
                in.op = Op.BT_G;
                in.sub = (b >>> 3) & 3;
            }
            case 0xA4, 0xAC -> {
                d.modrm(in, rex, false);
                in.op = b == 0xA4 ? Op.SHLD_I : Op.SHRD_I;
                in.imm = d.nextU8();
            }
            case 0xA5, 0xAD -> {
                d.modrm(in, rex, false);
                in.op = b == 0xA5 ? Op.SHLD_CL : Op.SHRD_CL;
            }
            case 0xAE -> group15(d, in, rex);
            case 0xAF -> {
                d.modrm(in, rex, false);
                in.op = Op.IMUL2;
            }
            case 0xB0, 0xB1 -> {
                d.modrm(in, rex, b == 0xB0);
                if (b == 0xB0) {
                    in.setSize(1);
                }
                in.op = Op.CMPXCHG;
            }
            case 0xB6, 0xB7, 0xBE, 0xBF -> {
                boolean src8 = (b & 1) == 0;
                d.modrm(in, rex, false);
                if (src8 && in.rm >= 0) {
                    in.rm = Decoder.reg8(in.rm, rex);
                }
                in.op = b < 0xB8 ? Op.MOVZX : Op.MOVSX;
                in.sub = src8 ? 1 : 2;
            }
            case 0xB8 -> {
                d.modrm(in, rex, false);
                in.op = in.rep == Insn.REP ? Op.POPCNT : Op.UD; // without F3: jmpe (IA-64 only)
                in.rep = 0;
            }
            case 0xBA -> {
                int r = d.peekReg();
                d.modrm(in, rex, false);
                in.op = r >= 4 ? Op.BT_I : Op.UD;
                in.sub = r & 3;
                in.imm = d.nextU8();
            }
            case 0xBC, 0xBD -> {
                d.modrm(in, rex, false);
                boolean f3 = in.rep == Insn.REP;
                in.op = b == 0xBC ? (f3 ? Op.TZCNT : Op.BSF) : (f3 ? Op.LZCNT : Op.BSR);
                in.rep = f3 ? Insn.REP : in.rep; // kept for the disassembler ("rep bsf" is tzcnt)
            }
            case 0xC0, 0xC1 -> {
                d.modrm(in, rex, b == 0xC0);
                if (b == 0xC0) {
                    in.setSize(1);
                }
                in.op = Op.XADD;
            }
            case 0xC7 -> {
                int r = d.peekReg();
                d.modrm(in, rex, false);
                in.op = r == 1 && in.rm < 0 ? Op.CMPXCHG16B : Op.UD;
                in.setSize(in.rexW ? 8 : 4);
            }
            case 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF -> {
                in.op = Op.BSWAP;
                in.reg = (b & 7) | (rex & 1) << 3;
            }
            default -> in.op = isSse(b) ? Op.SSE : Op.UD;
        }
    }

    /** SSE, SSE2+, MMX and the 0F 38 / 0F 3A maps: opcodes of the vector units this emulator does not have. */
    static boolean isSse(int b) {
        return (b >= 0x10 && b <= 0x17) || (b >= 0x28 && b <= 0x2F) || b == 0x38 || b == 0x3A
                || (b >= 0x50 && b <= 0x7F) || (b >= 0xC2 && b <= 0xC6) || b >= 0xD0 || b == 0x0E || b == 0x77;
    }

    private static void group6(Decoder d, Insn in, int rex) {
        int r = d.peekReg();
        d.modrm(in, rex, false);
        in.setSize(2);
        in.op = switch (r) {
            case 0 -> Op.SLDT;
            case 1 -> Op.STR;
            case 2 -> Op.LLDT;
            case 3 -> Op.LTR;
            default -> Op.UD; // verr, verw not implemented
        };
    }

    private static void group7(Decoder d, Insn in, int rex) {
        int m = d.peekModrm();
        int r = (m >>> 3) & 7;
        if ((m >>> 6) == 3) {
            d.nextU8();
            in.modrm = m;
            if (m == 0xF8) {
                in.op = Op.SWAPGS;
            } else if (m == 0xF9) {
                in.op = Op.RDTSCP;
            } else if (r == 4) {
                in.rm = m & 7 | (rex & 1) << 3;
                in.op = Op.SMSW;
            } else if (r == 6) {
                in.rm = m & 7 | (rex & 1) << 3;
                in.op = Op.LMSW;
                in.setSize(2);
            } else {
                in.op = Op.UD; // monitor/mwait, xgetbv, vmcall, ...: not implemented
            }
            return;
        }
        d.modrm(in, rex, false);
        in.op = switch (r) {
            case 0 -> Op.SGDT;
            case 1 -> Op.SIDT;
            case 2 -> Op.LGDT;
            case 3 -> Op.LIDT;
            case 4 -> Op.SMSW;
            case 6 -> Op.LMSW;
            case 7 -> Op.INVLPG;
            default -> Op.UD;
        };
        if (in.op == Op.SMSW || in.op == Op.LMSW) {
            in.setSize(2);
        }
    }

    private static void group15(Decoder d, Insn in, int rex) {
        int m = d.peekModrm();
        int r = (m >>> 3) & 7;
        d.modrm(in, rex, false);
        if ((m >>> 6) == 3) {
            in.op = r >= 5 ? Op.NOP : Op.UD; // lfence, mfence, sfence; rd/wrfsbase not implemented
        } else {
            in.op = r == 7 ? Op.NOP : Op.SSE; // clflush; fxsave, fxrstor, ldmxcsr, stmxcsr, xsave...
        }
    }
}
