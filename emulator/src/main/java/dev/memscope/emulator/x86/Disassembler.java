package dev.memscope.emulator.x86;

import java.util.ArrayList;
import java.util.List;

/**
 * Disassembles with the emulator's own {@link Decoder} into AT&T syntax as GNU {@code objdump -d} prints it (mnemonic
 * padded to 6 columns, operand-size suffixes only where no register gives the size, jump targets as absolute
 * addresses). For the UI's disassembly view; tested against objdump on the sample guests.
 */
public final class Disassembler {
    private static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge",
        "le", "g"};
    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    private static final String[] SHIFT = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"};
    private static final String[] BT = {"bt", "bts", "btr", "btc"};

    /** One disassembled instruction: its address, bytes and text ({@code (bad)} when it does not decode). */
    public record Line(long address, byte[] bytes, String text) {
        public int length() {
            return bytes.length;
        }
    }

    private Disassembler() {
    }

    /** Disassembles all of {@code code}, which starts at {@code address}. */
    public static List<Line> disassemble(byte[] code, long address) {
        List<Line> out = new ArrayList<>();
        Decoder d = new Decoder();
        Insn in = new Insn();
        byte[] window = new byte[15];
        int at = 0;
        while (at < code.length) {
            int n = Math.min(15, code.length - at);
            System.arraycopy(code, at, window, 0, n);
            int st = d.decode(window, n, in);
            int len = st == Decoder.OK ? in.len : 1;
            byte[] bytes = java.util.Arrays.copyOfRange(code, at, at + len);
            out.add(new Line(address + at, bytes, st == Decoder.OK ? text(in, bytes, address + at) : "(bad)"));
            at += len;
        }
        return out;
    }

    /** The text of one decoded instruction at {@code address} ({@code bytes} are its bytes, for prefixes). */
    public static String text(Insn in, byte[] bytes, long address) {
        String[] mo = mnemonicAndOperands(in, address + in.len);
        String head = prefixes(in, bytes) + mo[0];
        if (mo[1] == null || mo[1].isEmpty()) {
            return head;
        }
        // objdump: prefixes and mnemonic left-aligned in 6 columns, then a space, then the operands.
        return String.format("%-6s %s", head, mo[1]);
    }

    /** Prefixes objdump prints as words: lock, rep/repz/repnz, data16 (repeated 0x66), unused segment overrides. */
    private static String prefixes(Insn in, byte[] bytes) {
        StringBuilder s = new StringBuilder();
        int count66 = 0;
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v == 0x66) {
                count66++;
            } else if (!(v == 0x67 || v == 0xF0 || v == 0xF2 || v == 0xF3 || v == 0x26 || v == 0x2E || v == 0x36
                    || v == 0x3E || v == 0x64 || v == 0x65)) {
                break;
            }
        }
        for (int i = 1; i < count66; i++) {
            s.append("data16 ");
        }
        for (byte b : bytes) {
            int v = b & 0xFF;
            if ((v & 0xF0) == 0x40 || v == 0x0F || !(v == 0x66 || v == 0x67 || v == 0xF0 || v == 0xF2 || v == 0xF3
                    || v == 0x26 || v == 0x2E || v == 0x36 || v == 0x3E || v == 0x64 || v == 0x65)) {
                break;
            }
            switch (v) {
                case 0x2E -> s.append("cs ");
                case 0x3E -> s.append("ds ");
                case 0x26 -> s.append("es ");
                case 0x36 -> s.append("ss ");
                default -> {
                }
            }
        }
        if (in.lock) {
            s.append("lock ");
        }
        if (in.rex && !in.rexW && rexByte(bytes) == 0x40 && !usesLowByteRegister(in)) {
            s.append("rex "); // a REX prefix that changes nothing
        }
        boolean string = in.op >= Op.MOVS && in.op <= Op.SCAS;
        if (in.rep != 0 && string) {
            boolean cond = in.op == Op.CMPS || in.op == Op.SCAS;
            s.append(in.rep == Insn.REP ? (cond ? "repz " : "rep ") : "repnz ");
        }
        return s.toString();
    }

    private static int rexByte(byte[] bytes) {
        for (byte b : bytes) {
            int v = b & 0xFF;
            if ((v & 0xF0) == 0x40) {
                return v;
            }
            if (!(v == 0x66 || v == 0x67 || v == 0xF0 || v == 0xF2 || v == 0xF3 || v == 0x26 || v == 0x2E || v == 0x36
                    || v == 0x3E || v == 0x64 || v == 0x65)) {
                return 0;
            }
        }
        return 0;
    }

    /** Whether an 8-bit register operand is SPL, BPL, SIL or DIL, which only a REX prefix can name. */
    private static boolean usesLowByteRegister(Insn in) {
        int reg = in.swapped ? in.rm : in.reg;
        int rm = in.swapped ? in.reg : in.rm;
        boolean byteRm = in.osize == 1 || in.op == Op.SETCC || ((in.op == Op.MOVZX || in.op == Op.MOVSX)
                && in.sub == 1);
        boolean regIsByteOperand = in.osize == 1 && switch (in.op) {
            case Op.MOV_EG, Op.MOV_GE, Op.ALU_EG, Op.ALU_GE, Op.TEST_EG, Op.XCHG, Op.CMPXCHG, Op.XADD -> true;
            default -> false;
        };
        return (byteRm && rm >= 4 && rm <= 7) || (regIsByteOperand && reg >= 4 && reg <= 7);
    }

    private static String[] mo(String mnemonic, String operands) {
        return new String[] {mnemonic, operands};
    }

    /** The E operand: a register of {@code size} or the memory operand. */
    private static String e(Insn in, int size) {
        int rm = in.swapped ? in.reg : in.rm;
        return rm >= 0 ? AttSyntax.reg(rm, size) : AttSyntax.mem(in);
    }

    private static String g(Insn in, int size) {
        return AttSyntax.reg(in.swapped ? in.rm : in.reg, size);
    }

    private static boolean mem(Insn in) {
        return (in.swapped ? in.reg : in.rm) < 0;
    }

    /** The mnemonic with an operand-size suffix when a memory operand is the only sized operand. */
    private static String sized(String m, Insn in) {
        return mem(in) ? m + AttSyntax.suffix(in.osize) : m;
    }

    private static String[] mnemonicAndOperands(Insn in, long next) {
        int s = in.osize;
        long mask = in.mask;
        return switch (in.op) {
            case Op.MOV_EG -> mo("mov", g(in, s) + "," + e(in, s));
            case Op.MOV_GE -> in.opcode == 0x63 ? mo("movslq", e(in, 4) + "," + g(in, s)) : mo("mov", e(in, s) + ","
                    + g(in, s));
            case Op.MOV_EI -> {
                boolean abs = in.opcode >= 0xB8 && in.opcode <= 0xBF && s == 8;
                yield mo(abs ? "movabs" : sized("mov", in), AttSyntax.imm(in.imm, mask) + "," + e(in, s));
            }
            case Op.MOV_MOFFS_LOAD -> mo("movabs", AttSyntax.hex(in.disp) + "," + AttSyntax.reg(0, s));
            case Op.MOV_MOFFS_STORE -> mo("movabs", AttSyntax.reg(0, s) + "," + AttSyntax.hex(in.disp));
            case Op.LEA -> mo("lea", AttSyntax.mem(in) + "," + g(in, s));
            case Op.MOVZX, Op.MOVSX -> {
                if (in.opcode == 0x63) {
                    yield mo("movslq", e(in, 4) + "," + g(in, s));
                }
                String m = (in.op == Op.MOVZX ? "movz" : "movs") + AttSyntax.suffix(in.sub) + AttSyntax.suffix(s);
                yield mo(m, e(in, in.sub) + "," + g(in, s));
            }
            case Op.XCHG -> mo("xchg", g(in, s) + "," + e(in, s));
            case Op.CMOV -> mo("cmov" + CC[in.sub], e(in, s) + "," + g(in, s));
            case Op.SETCC -> mo("set" + CC[in.sub], e(in, 1));
            case Op.BSWAP -> mo("bswap", AttSyntax.reg(in.reg, s));
            case Op.XLAT -> mo("xlat", "%ds:(%rbx)");
            case Op.ALU_EG -> mo(ALU[in.sub], g(in, s) + "," + e(in, s));
            case Op.ALU_GE -> mo(ALU[in.sub], e(in, s) + "," + g(in, s));
            case Op.ALU_EI -> mo(sized(ALU[in.sub], in), AttSyntax.imm(in.imm, mask) + "," + e(in, s));
            case Op.TEST_EG -> mo("test", g(in, s) + "," + e(in, s));
            case Op.TEST_EI -> mo(sized("test", in), AttSyntax.imm(in.imm, mask) + "," + e(in, s));
            case Op.INC, Op.DEC, Op.NOT, Op.NEG, Op.MUL, Op.IMUL1, Op.DIV, Op.IDIV -> {
                String m = switch (in.op) {
                    case Op.INC -> "inc";
                    case Op.DEC -> "dec";
                    case Op.NOT -> "not";
                    case Op.NEG -> "neg";
                    case Op.MUL -> "mul";
                    case Op.IMUL1 -> "imul";
                    case Op.DIV -> "div";
                    default -> "idiv";
                };
                yield mo(sized(m, in), e(in, s));
            }
            case Op.IMUL2 -> mo("imul", e(in, s) + "," + g(in, s));
            case Op.IMUL3 -> mo("imul", AttSyntax.imm(in.imm, mask) + "," + e(in, s) + "," + g(in, s));
            case Op.CBW -> mo(s == 2 ? "cbtw" : s == 4 ? "cwtl" : "cltq", null);
            case Op.CWD -> mo(s == 2 ? "cwtd" : s == 4 ? "cltd" : "cqto", null);
            case Op.CMPXCHG -> mo("cmpxchg", g(in, s) + "," + e(in, s));
            case Op.CMPXCHG16B -> mo(s == 8 ? "cmpxchg16b" : "cmpxchg8b", AttSyntax.mem(in));
            case Op.XADD -> mo("xadd", g(in, s) + "," + e(in, s));
            case Op.SHIFT_1 -> mo(sized(SHIFT[in.sub], in), e(in, s));
            case Op.SHIFT_CL -> mo(sized(SHIFT[in.sub], in), "%cl," + e(in, s));
            case Op.SHIFT_I -> mo(sized(SHIFT[in.sub], in), AttSyntax.imm(in.imm, 0xFF) + "," + e(in, s));
            case Op.SHLD_I, Op.SHRD_I -> mo(in.op == Op.SHLD_I ? "shld" : "shrd", AttSyntax.imm(in.imm, 0xFF) + ","
                    + g(in, s) + "," + e(in, s));
            case Op.SHLD_CL, Op.SHRD_CL -> mo(in.op == Op.SHLD_CL ? "shld" : "shrd", "%cl," + g(in, s) + ","
                    + e(in, s));
            case Op.BT_G -> mo(BT[in.sub], g(in, s) + "," + e(in, s));
            case Op.BT_I -> mo(sized(BT[in.sub], in), AttSyntax.imm(in.imm, 0xFF) + "," + e(in, s));
            case Op.BSF -> mo("bsf", e(in, s) + "," + g(in, s));
            case Op.BSR -> mo("bsr", e(in, s) + "," + g(in, s));
            case Op.TZCNT -> mo("tzcnt", e(in, s) + "," + g(in, s));
            case Op.LZCNT -> mo("lzcnt", e(in, s) + "," + g(in, s));
            case Op.POPCNT -> mo("popcnt", e(in, s) + "," + g(in, s));
            case Op.PUSH_R -> mo("push", AttSyntax.reg(in.reg, s));
            case Op.POP_R -> mo("pop", AttSyntax.reg(in.reg, s));
            case Op.PUSH_I -> mo("push", AttSyntax.imm(in.imm, mask));
            case Op.PUSH_E -> mo(sized("push", in), e(in, s));
            case Op.POP_E -> mo(sized("pop", in), e(in, s));
            case Op.JCC -> mo("j" + CC[in.sub], Long.toHexString(next + in.imm));
            case Op.JMP_REL -> mo("jmp", Long.toHexString(next + in.imm));
            case Op.CALL_REL -> mo("call", Long.toHexString(next + in.imm));
            case Op.JMP_E -> mo("jmp", "*" + e(in, 8));
            case Op.CALL_E -> mo("call", "*" + e(in, 8));
            case Op.RET -> in.imm != 0 || in.opcode == 0xC2 ? mo("ret", AttSyntax.imm(in.imm, 0xFFFF)) : mo("ret",
                    null);
            case Op.LEAVE -> mo("leave", null);
            case Op.ENTER -> mo("enter", AttSyntax.imm(in.imm, 0xFFFF) + "," + AttSyntax.imm(in.imm2, 0xFF));
            case Op.LOOP -> mo(new String[] {"loopne", "loope", "loop", in.a32 ? "jecxz" : "jrcxz"}[in.sub],
                    Long.toHexString(next + in.imm));
            case Op.PUSHF -> mo(s == 2 ? "pushfw" : "pushf", null);
            case Op.POPF -> mo(s == 2 ? "popfw" : "popf", null);
            case Op.SAHF -> mo("sahf", null);
            case Op.LAHF -> mo("lahf", null);
            case Op.PUSH_SREG -> mo("push", "%" + AttSyntax.SEGS[in.reg]);
            case Op.POP_SREG -> mo("pop", "%" + AttSyntax.SEGS[in.reg]);
            case Op.MOVS, Op.CMPS, Op.STOS, Op.LODS, Op.SCAS -> string(in);
            case Op.CMC -> mo("cmc", null);
            case Op.CLC -> mo("clc", null);
            case Op.STC -> mo("stc", null);
            case Op.CLI -> mo("cli", null);
            case Op.STI -> mo("sti", null);
            case Op.CLD -> mo("cld", null);
            case Op.STD -> mo("std", null);
            case Op.NOP -> nop(in);
            case Op.HLT -> mo("hlt", null);
            case Op.CPUID -> mo("cpuid", null);
            case Op.RDTSC -> mo("rdtsc", null);
            case Op.RDTSCP -> mo("rdtscp", null);
            case Op.RDMSR -> mo("rdmsr", null);
            case Op.WRMSR -> mo("wrmsr", null);
            case Op.INT3 -> mo("int3", null);
            case Op.INTN -> mo("int", AttSyntax.imm(in.imm, 0xFF));
            case Op.INT1 -> mo("int1", null);
            case Op.IRET -> mo(in.rexW ? "iretq" : "iret", null);
            case Op.IN_I -> mo("in", AttSyntax.imm(in.imm, 0xFF) + "," + AttSyntax.reg(0, s));
            case Op.IN_DX -> mo("in", "(%dx)," + AttSyntax.reg(0, s));
            case Op.OUT_I -> mo("out", AttSyntax.reg(0, s) + "," + AttSyntax.imm(in.imm, 0xFF));
            case Op.OUT_DX -> mo("out", AttSyntax.reg(0, s) + ",(%dx)");
            case Op.MOV_FROM_CR -> mo("mov", "%cr" + in.reg + "," + AttSyntax.reg(in.rm, 8));
            case Op.MOV_TO_CR -> mo("mov", AttSyntax.reg(in.rm, 8) + ",%cr" + in.reg);
            case Op.MOV_FROM_DR -> mo("mov", "%db" + in.reg + "," + AttSyntax.reg(in.rm, 8));
            case Op.MOV_TO_DR -> mo("mov", AttSyntax.reg(in.rm, 8) + ",%db" + in.reg);
            case Op.LGDT -> mo("lgdt", AttSyntax.mem(in));
            case Op.LIDT -> mo("lidt", AttSyntax.mem(in));
            case Op.SGDT -> mo("sgdt", AttSyntax.mem(in));
            case Op.SIDT -> mo("sidt", AttSyntax.mem(in));
            case Op.LTR -> mo("ltr", e(in, 2));
            case Op.STR -> mo("str", e(in, in.rm >= 0 ? Math.max(s, 2) : 2));
            case Op.LLDT -> mo("lldt", e(in, 2));
            case Op.SLDT -> mo("sldt", e(in, in.rm >= 0 ? Math.max(s, 2) : 2));
            case Op.INVLPG -> mo("invlpg", AttSyntax.mem(in));
            case Op.SWAPGS -> mo("swapgs", null);
            case Op.MOV_TO_SREG -> mo("mov", e(in, in.rm >= 0 ? 4 : 2) + ",%" + AttSyntax.SEGS[in.reg]);
            case Op.MOV_FROM_SREG -> mo("mov", "%" + AttSyntax.SEGS[in.reg] + "," + e(in, in.rm >= 0 ? s : 2));
            case Op.CLTS -> mo("clts", null);
            case Op.SMSW -> mo("smsw", e(in, in.rm >= 0 ? s : 2));
            case Op.LMSW -> mo("lmsw", e(in, 2));
            case Op.SSE -> mo("(bad)", null);
            default -> in.opcode == 0x0F0B ? mo("ud2", null) : mo("(bad)", null);
        };
    }

    private static String[] nop(Insn in) {
        int op = in.opcode;
        if (op == 0x90) {
            return in.rep == Insn.REP ? mo("pause", null) : in.opsizePrefix ? mo("xchg", "%ax,%ax") : mo("nop", null);
        }
        if (op == 0x9B) {
            return mo("fwait", null);
        }
        if (op == 0x0F08 || op == 0x0F09) {
            return mo(op == 0x0F08 ? "invd" : "wbinvd", null);
        }
        if (op == 0x0FAE) {
            int r = (in.modrm >>> 3) & 7;
            if (in.rm >= 0) {
                return mo(r == 5 ? "lfence" : r == 6 ? "mfence" : "sfence", null);
            }
            return mo("clflush", AttSyntax.mem(in));
        }
        if (op == 0x0F1F) {
            return mo("nop" + AttSyntax.suffix(in.osize), e(in, in.osize));
        }
        if (op == 0x0F18) {
            String[] hint = {"prefetchnta", "prefetcht0", "prefetcht1", "prefetcht2"};
            int r = (in.modrm >>> 3) & 7;
            return r < 4 && in.rm < 0 ? mo(hint[r], AttSyntax.mem(in)) : mo("nop" + AttSyntax.suffix(in.osize),
                    e(in, in.osize));
        }
        return mo("nop" + AttSyntax.suffix(in.osize), e(in, in.osize));
    }

    private static String[] string(Insn in) {
        int s = in.osize;
        String seg = in.seg >= 0 ? "%" + AttSyntax.SEGS[in.seg] : "%ds";
        String si = in.a32 ? "(%esi)" : "(%rsi)";
        String di = in.a32 ? "(%edi)" : "(%rdi)";
        String acc = AttSyntax.reg(0, s);
        char sfx = AttSyntax.suffix(s);
        return switch (in.op) {
            case Op.MOVS -> mo("movs" + sfx, seg + ":" + si + ",%es:" + di);
            case Op.CMPS -> mo("cmps" + sfx, "%es:" + di + "," + seg + ":" + si);
            case Op.STOS -> mo("stos", acc + ",%es:" + di);
            case Op.LODS -> mo("lods", seg + ":" + si + "," + acc);
            default -> mo("scas", "%es:" + di + "," + acc);
        };
    }
}
