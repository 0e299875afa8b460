package dev.memscope.emulator.x86;

/** Operand spelling in AT&T syntax as GNU objdump prints it: registers, memory operands, immediates. */
final class AttSyntax {
    private static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10",
        "r11", "r12", "r13", "r14", "r15"};
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d",
        "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w",
        "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b",
        "r11b", "r12b", "r13b", "r14b", "r15b", "ah", "ch", "dh", "bh"};
    static final String[] SEGS = {"es", "cs", "ss", "ds", "fs", "gs"};

    private AttSyntax() {
    }

    static String reg(int r, int size) {
        return "%" + switch (size) {
            case 8 -> R64[r];
            case 4 -> R32[r];
            case 2 -> R16[r];
            default -> R8[r];
        };
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** A displacement as objdump prints it: signed, {@code -0x8} or {@code 0x10}. */
    static String signedHex(long v) {
        return v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v);
    }

    static String imm(long v, long mask) {
        return "$" + hex(v & mask);
    }

    /** The memory operand of {@code in}, e.g. {@code %fs:0x10(%rax,%rcx,8)} or {@code 0x102020(,%rcx,8)}. */
    static String mem(Insn in) {
        StringBuilder s = new StringBuilder();
        if (in.seg >= 0) {
            s.append('%').append(SEGS[in.seg]).append(':');
        }
        int addrSize = in.a32 ? 4 : 8;
        if (in.base == Insn.RIP) {
            return s.append(signedHex(in.disp)).append(in.a32 ? "(%eip)" : "(%rip)").toString();
        }
        if (in.base < 0 && in.index < 0) {
            return s.append(hex(in.a32 ? in.disp & 0xFFFFFFFFL : in.disp)).toString();
        }
        if (in.dispBytes > 0 || in.base < 0) {
            s.append(signedHex(in.disp));
        }
        s.append('(');
        if (in.base >= 0) {
            s.append(reg(in.base, addrSize));
        }
        if (in.index >= 0) {
            s.append(',').append(reg(in.index, addrSize)).append(',').append(1 << in.scale);
        } else if (in.base == 4 || in.base == 12) {
            // a SIB byte with no index (rsp/r12 base) prints as plain (%rsp)
        }
        return s.append(')').toString();
    }

    static char suffix(int size) {
        return switch (size) {
            case 1 -> 'b';
            case 2 -> 'w';
            case 4 -> 'l';
            default -> 'q';
        };
    }
}
