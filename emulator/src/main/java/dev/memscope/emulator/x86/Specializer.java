package dev.memscope.emulator.x86;

/**
 * Picks a specialised execution form ({@link Insn#xop}) for the most frequent instruction shapes of gcc -O2 code:
 * 64- and 32-bit register moves, loads and stores, register ALU operations, shifts by an immediate, LEA, PUSH/POP.
 * Each specialised form does exactly what the general one does, without size dispatch. The rest keep {@code xop = op}.
 */
final class Specializer {
    private Specializer() {
    }

    /** The per-kind form: {@code form} 0 RR64, 1 RI64, 2 RR32, 3 RI32. */
    private static int aluKind(int kind, int form) {
        int k = switch (kind) {
            case Op.ADD -> 0;
            case Op.OR -> 1;
            case Op.AND -> 2;
            case Op.SUB -> 3;
            case Op.XOR -> 4;
            default -> 5; // CMP
        };
        return Fast.ALU_KIND_BASE + form * 6 + k;
    }

    static void specialize(Insn in) {
        in.xop = in.op;
        int size = in.osize;
        boolean wide = size == 8 || size == 4;
        boolean plainMem = in.rm < 0 && in.seg < 0 && !in.a32;
        switch (in.op) {
            case Op.MOV_EG -> {
                if (in.rm >= 0 && wide) {
                    in.xop = size == 8 ? Fast.MOV64_RR_EG : Fast.MOV32_RR_EG;
                } else if (plainMem && wide) {
                    in.xop = size == 8 ? Fast.STORE64 : Fast.STORE32;
                }
            }
            case Op.MOV_GE -> {
                if (in.rm >= 0 && wide) {
                    in.xop = size == 8 ? Fast.MOV64_RR_GE : Fast.MOV32_RR_GE;
                } else if (plainMem && wide) {
                    in.xop = size == 8 ? Fast.LOAD64 : Fast.LOAD32;
                }
            }
            case Op.MOV_EI -> {
                if (in.rm >= 0 && wide) {
                    in.imm &= in.mask;
                    in.xop = Fast.MOV_RI;
                } else if (plainMem && size == 1) {
                    in.xop = Fast.STORE8_I;
                }
            }
            case Op.LEA -> {
                if (size == 8 && !in.a32) {
                    in.xop = Fast.LEA64;
                }
            }
            case Op.ALU_EG -> {
                if (in.rm >= 0 && wide && in.sub != Op.ADC && in.sub != Op.SBB) {
                    in.xop = aluKind(in.sub, size == 8 ? 0 : 2);
                } else if (plainMem && size == 8 && in.sub != Op.ADC && in.sub != Op.SBB && in.sub != Op.CMP) {
                    in.xop = Fast.ALU64_MR;
                }
            }
            case Op.ALU_GE -> {
                if (in.rm >= 0 && wide && in.sub != Op.ADC && in.sub != Op.SBB) {
                    // G = G op E: the same as E-form with the registers swapped.
                    int t = in.reg;
                    in.reg = in.rm;
                    in.rm = t;
                    in.xop = aluKind(in.sub, size == 8 ? 0 : 2);
                    in.swapped = true;
                }
            }
            case Op.ALU_EI -> {
                if (in.rm >= 0 && wide && in.sub != Op.ADC && in.sub != Op.SBB) {
                    in.xop = aluKind(in.sub, size == 8 ? 1 : 3);
                    in.imm &= in.mask;
                } else if (plainMem && size == 1 && in.sub == Op.CMP) {
                    in.xop = Fast.CMP8_MI;
                    in.imm &= 0xFF;
                }
            }
            case Op.TEST_EG -> {
                if (in.rm >= 0 && wide) {
                    in.xop = Fast.TEST_RR;
                }
            }
            case Op.SHIFT_I, Op.SHIFT_1 -> {
                int count = in.op == Op.SHIFT_1 ? 1 : (int) in.imm & (size == 8 ? 63 : 31);
                if (in.rm >= 0 && wide && count != 0
                        && (in.sub == Op.SHL || in.sub == Op.SHR || in.sub == Op.SAR || in.sub == Op.SAL)) {
                    in.xop = size == 8 ? Fast.SHIFT64_RI : Fast.SHIFT32_RI;
                    in.imm2 = count; // the masked count (imm keeps the encoded one, for the disassembler)
                }
            }
            case Op.RET -> {
                if (in.imm == 0) {
                    in.xop = Fast.RET_NEAR;
                }
            }
            case Op.PUSH_R -> {
                if (size == 8) {
                    in.xop = Fast.PUSH64;
                }
            }
            case Op.POP_R -> {
                if (size == 8) {
                    in.xop = Fast.POP64;
                }
            }
            default -> {
            }
        }
    }
}
