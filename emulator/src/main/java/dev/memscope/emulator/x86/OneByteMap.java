package dev.memscope.emulator.x86;

/** The one-byte opcode map (Intel SDM Vol. 2, Table A-2), 64-bit mode. */
final class OneByteMap {
    private OneByteMap() {
    }

    static void decode(Decoder d, Insn in, int b, int rex, int v) {
        if (b < 0x40 && (b & 7) < 6) {
            alu(d, in, b, rex, v);
            return;
        }
        switch (b) {
            case 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57 -> {
                in.op = Op.PUSH_R;
                in.reg = (b & 7) | (rex & 1) << 3;
                in.setSize(in.opsizePrefix ? 2 : 8);
            }
            case 0x58, 0x59, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F -> {
                in.op = Op.POP_R;
                in.reg = (b & 7) | (rex & 1) << 3;
                in.setSize(in.opsizePrefix ? 2 : 8);
            }
            case 0x63 -> { // MOVSXD Gv, Ed
                d.modrm(in, rex, false);
                in.op = v == 8 ? Op.MOVSX : Op.MOV_GE;
                in.sub = 4;
                if (v != 8) {
                    in.setSize(v); // without REX.W: a plain 32/16-bit move
                }
            }
            case 0x68 -> {
                in.op = Op.PUSH_I;
                in.setSize(in.opsizePrefix ? 2 : 8);
                in.imm = d.immZ(in.osize);
            }
            case 0x6A -> {
                in.op = Op.PUSH_I;
                in.setSize(in.opsizePrefix ? 2 : 8);
                in.imm = d.nextS8();
            }
            case 0x69, 0x6B -> {
                d.modrm(in, rex, false);
                in.op = Op.IMUL3;
                in.imm = b == 0x69 ? d.immZ(v) : d.nextS8();
            }
            case 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F -> {
                in.op = Op.JCC;
                in.sub = b & 15;
                in.imm = d.nextS8();
            }
            case 0x80, 0x81, 0x83 -> {
                in.sub = d.peekReg();
                boolean byteOp = b == 0x80;
                d.modrm(in, rex, byteOp);
                if (byteOp) {
                    in.setSize(1);
                }
                in.op = Op.ALU_EI;
                in.imm = b == 0x81 ? d.immZ(v) : d.nextS8();
            }
            case 0x84, 0x85 -> {
                rm(d, in, b, rex, v);
                in.op = Op.TEST_EG;
            }
            case 0x86, 0x87 -> {
                rm(d, in, b, rex, v);
                in.op = Op.XCHG;
            }
            case 0x88, 0x89 -> {
                rm(d, in, b, rex, v);
                in.op = Op.MOV_EG;
            }
            case 0x8A, 0x8B -> {
                rm(d, in, b, rex, v);
                in.op = Op.MOV_GE;
            }
            case 0x8C -> {
                d.modrm(in, rex, false);
                in.reg &= 7;
                in.op = in.reg < 6 ? Op.MOV_FROM_SREG : Op.UD;
                if (in.rm < 0) {
                    in.setSize(2);
                }
            }
            case 0x8D -> {
                d.modrm(in, rex, false);
                in.op = in.rm < 0 ? Op.LEA : Op.UD;
            }
            case 0x8E -> {
                d.modrm(in, rex, false);
                in.reg &= 7;
                in.op = in.reg < 6 && in.reg != 1 ? Op.MOV_TO_SREG : Op.UD;
                in.setSize(2);
            }
            case 0x8F -> {
                int r = d.peekReg();
                d.modrm(in, rex, false);
                in.op = r == 0 ? Op.POP_E : Op.UD;
                in.setSize(in.opsizePrefix ? 2 : 8);
            }
            case 0x90 -> {
                if ((rex & 1) != 0) {
                    in.op = Op.XCHG;
                    in.reg = 8;
                    in.rm = 0;
                } else {
                    in.op = Op.NOP; // nop, or pause with F3
                }
            }
            case 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97 -> {
                in.op = Op.XCHG;
                in.reg = (b & 7) | (rex & 1) << 3;
                in.rm = 0;
            }
            case 0x98 -> in.op = Op.CBW;
            case 0x99 -> in.op = Op.CWD;
            case 0x9B -> in.op = Op.NOP; // fwait: no x87 exceptions pending, ever
            case 0x9C -> {
                in.op = Op.PUSHF;
                in.setSize(in.opsizePrefix ? 2 : 8);
            }
            case 0x9D -> {
                in.op = Op.POPF;
                in.setSize(in.opsizePrefix ? 2 : 8);
            }
            case 0x9E -> in.op = Op.SAHF;
            case 0x9F -> in.op = Op.LAHF;
            case 0xA0, 0xA1, 0xA2, 0xA3 -> {
                in.op = b < 0xA2 ? Op.MOV_MOFFS_LOAD : Op.MOV_MOFFS_STORE;
                if ((b & 1) == 0) {
                    in.setSize(1);
                }
                in.disp = in.a32 ? d.nextS32() & 0xFFFFFFFFL : d.nextU64();
                in.reg = 0;
            }
            case 0xA4, 0xA5 -> string(in, b, Op.MOVS);
            case 0xA6, 0xA7 -> string(in, b, Op.CMPS);
            case 0xA8, 0xA9 -> {
                in.op = Op.TEST_EI;
                in.rm = 0;
                if (b == 0xA8) {
                    in.setSize(1);
                    in.imm = d.nextS8();
                } else {
                    in.imm = d.immZ(v);
                }
            }
            case 0xAA, 0xAB -> string(in, b, Op.STOS);
            case 0xAC, 0xAD -> string(in, b, Op.LODS);
            case 0xAE, 0xAF -> string(in, b, Op.SCAS);
            case 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7 -> {
                in.op = Op.MOV_EI;
                in.setSize(1);
                in.rm = Decoder.reg8((b & 7) | (rex & 1) << 3, rex);
                in.imm = d.nextS8();
            }
            case 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF -> {
                in.op = Op.MOV_EI;
                in.rm = (b & 7) | (rex & 1) << 3;
                in.imm = d.immSized(v);
            }
            case 0xC0, 0xC1 -> {
                in.sub = d.peekReg();
                rmGroup(d, in, b, rex, v);
                in.op = Op.SHIFT_I;
                in.imm = d.nextU8();
            }
            case 0xC2 -> {
                in.op = Op.RET;
                in.imm = d.nextS16() & 0xFFFF;
                in.setSize(8);
            }
            case 0xC3 -> {
                in.op = Op.RET;
                in.setSize(8);
            }
            case 0xC6, 0xC7 -> {
                int r = d.peekReg();
                rmGroup(d, in, b, rex, v);
                in.op = r == 0 ? Op.MOV_EI : Op.UD;
                in.imm = b == 0xC6 ? d.nextS8() : d.immZ(v);
            }
            case 0xC8 -> {
                in.op = Op.ENTER;
                in.imm = d.nextS16() & 0xFFFF;
                in.imm2 = d.nextU8();
                in.setSize(in.opsizePrefix ? 2 : 8);
            }
            case 0xC9 -> {
                in.op = Op.LEAVE;
                in.setSize(in.opsizePrefix ? 2 : 8);
            }
            case 0xCC -> in.op = Op.INT3;
            case 0xCD -> {
                in.op = Op.INTN;
                in.imm = d.nextU8();
            }
            case 0xCF -> in.op = Op.IRET;
            case 0xD0, 0xD1, 0xD2, 0xD3 -> {
                in.sub = d.peekReg();
                rmGroup(d, in, b, rex, v);
                in.op = b < 0xD2 ? Op.SHIFT_1 : Op.SHIFT_CL;
            }
            case 0xD7 -> {
                in.op = Op.XLAT;
                in.setSize(1);
            }
            case 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF -> {
                d.modrm(in, rex, false);
                in.op = Op.SSE; // x87
            }
            case 0xE0, 0xE1, 0xE2, 0xE3 -> {
                in.op = Op.LOOP;
                in.sub = b - 0xE0;
                in.imm = d.nextS8();
            }
            case 0xE4, 0xE5 -> {
                in.op = Op.IN_I;
                in.setSize(b == 0xE4 ? 1 : in.opsizePrefix ? 2 : 4);
                in.imm = d.nextU8();
            }
            case 0xE6, 0xE7 -> {
                in.op = Op.OUT_I;
                in.setSize(b == 0xE6 ? 1 : in.opsizePrefix ? 2 : 4);
                in.imm = d.nextU8();
            }
            case 0xEC, 0xED -> {
                in.op = Op.IN_DX;
                in.setSize(b == 0xEC ? 1 : in.opsizePrefix ? 2 : 4);
            }
            case 0xEE, 0xEF -> {
                in.op = Op.OUT_DX;
                in.setSize(b == 0xEE ? 1 : in.opsizePrefix ? 2 : 4);
            }
            case 0xE8 -> {
                in.op = Op.CALL_REL;
                in.imm = d.nextS32();
                in.setSize(8);
            }
            case 0xE9 -> {
                in.op = Op.JMP_REL;
                in.imm = d.nextS32();
            }
            case 0xEB -> {
                in.op = Op.JMP_REL;
                in.imm = d.nextS8();
            }
            case 0xF1 -> in.op = Op.INT1;
            case 0xF4 -> in.op = Op.HLT;
            case 0xF5 -> in.op = Op.CMC;
            case 0xF6, 0xF7 -> group3(d, in, b, rex, v);
            case 0xF8 -> in.op = Op.CLC;
            case 0xF9 -> in.op = Op.STC;
            case 0xFA -> in.op = Op.CLI;
            case 0xFB -> in.op = Op.STI;
            case 0xFC -> in.op = Op.CLD;
            case 0xFD -> in.op = Op.STD;
            case 0xFE -> {
                int r = d.peekReg();
                rmGroup(d, in, b, rex, v);
                in.op = r == 0 ? Op.INC : r == 1 ? Op.DEC : Op.UD;
            }
            case 0xFF -> group5(d, in, rex, v);
            case 0xC4, 0xC5, 0x62 -> in.op = Op.SSE; // VEX (AVX) and EVEX prefixes
            default -> in.op = Op.UD; // invalid in 64-bit mode or unimplemented (ins/outs, far transfers)
        }
    }

    private static void alu(Decoder d, Insn in, int b, int rex, int v) {
        in.sub = b >>> 3;
        switch (b & 7) {
            case 0, 1 -> {
                rm(d, in, b, rex, v);
                in.op = Op.ALU_EG;
            }
            case 2, 3 -> {
                rm(d, in, b, rex, v);
                in.op = Op.ALU_GE;
            }
            case 4 -> {
                in.op = Op.ALU_EI;
                in.setSize(1);
                in.rm = 0;
                in.imm = d.nextS8();
            }
            default -> {
                in.op = Op.ALU_EI;
                in.rm = 0;
                in.imm = d.immZ(v);
            }
        }
    }

    /** ModRM operands; an even opcode is the byte form. */
    private static void rm(Decoder d, Insn in, int b, int rex, int v) {
        boolean byteOp = (b & 1) == 0;
        d.modrm(in, rex, byteOp);
        if (byteOp) {
            in.setSize(1);
        }
    }

    private static void rmGroup(Decoder d, Insn in, int b, int rex, int v) {
        rm(d, in, b, rex, v);
    }

    private static void string(Insn in, int b, int op) {
        in.op = op;
        if ((b & 1) == 0) {
            in.setSize(1);
        }
    }

    private static void group3(Decoder d, Insn in, int b, int rex, int v) {
        int r = d.peekReg();
        rm(d, in, b, rex, v);
        switch (r) {
            case 0, 1 -> {
                in.op = Op.TEST_EI;
                in.imm = b == 0xF6 ? d.nextS8() : d.immZ(v);
            }
            case 2 -> in.op = Op.NOT;
            case 3 -> in.op = Op.NEG;
            case 4 -> in.op = Op.MUL;
            case 5 -> in.op = Op.IMUL1;
            case 6 -> in.op = Op.DIV;
            default -> in.op = Op.IDIV;
        }
    }

    private static void group5(Decoder d, Insn in, int rex, int v) {
        int r = d.peekReg();
        d.modrm(in, rex, false);
        switch (r) {
            case 0 -> in.op = Op.INC;
            case 1 -> in.op = Op.DEC;
            case 2 -> {
                in.op = Op.CALL_E;
                in.setSize(8);
            }
            case 4 -> {
                in.op = Op.JMP_E;
                in.setSize(8);
            }
            case 6 -> {
                in.op = Op.PUSH_E;
                in.setSize(in.opsizePrefix ? 2 : 8);
            }
            default -> in.op = Op.UD; // far call/jmp (3, 5) not implemented, 7 invalid
        }
    }
}
