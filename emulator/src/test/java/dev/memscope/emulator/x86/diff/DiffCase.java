package dev.memscope.emulator.x86.diff;

/**
 * One instruction-level case of the differential suite: the instruction's bytes, the 15 general registers other
 * than RSP (RAX, RCX, RDX, RBX, RBP, RSI, RDI, R8..R15) and RFLAGS before it, and the 16 bytes of its memory slot.
 *
 * @param name the template, e.g. {@code "shl r/m32, cl"}
 * @param undefinedFlags RFLAGS bits the SDM leaves undefined after this instruction that the comparison ignores
 *        (empty for every instruction whose undefined flags the emulator models as the AMD EPYC host sets them)
 * @param memAddress guest address of the 16-byte slot the instruction's memory operand (if any) points at
 */
public record DiffCase(String name, byte[] insn, long[] regs, long rflags, long mem0, long mem1, long memAddress,
        long undefinedFlags) {
    public static final String[] REGS = {"rax", "rcx", "rdx", "rbx", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11",
        "r12", "r13", "r14", "r15"};

    public String hex() {
        StringBuilder s = new StringBuilder();
        for (byte b : insn) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xFF));
        }
        return s.toString();
    }
}
