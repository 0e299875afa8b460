package dev.memscope.emulator.api;

import java.util.List;

/**
 * The vCPU's architectural state at a stop, as the CPU pane shows it.
 *
 * @param gpr RAX..R15 in encoding order
 */
public record CpuState(long[] gpr, long rip, long rflags, long cr0, long cr2, long cr3, long cr4, long efer, int cpl,
        int cs, int ss) {
    public static final List<String> GPR_NAMES = List.of("rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15");

    public CpuState {
        gpr = gpr.clone();
    }

    @Override
    public long[] gpr() {
        return gpr.clone();
    }

    public long gpr(int index) {
        return gpr[index];
    }

    /** RFLAGS as the flag letters that are set, such as {@code ZF PF IF}. */
    public String flagsText() {
        String[] names = {"CF", "", "PF", "", "AF", "", "ZF", "SF", "TF", "IF", "DF", "OF"};
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < names.length; bit++) {
            if (!names[bit].isEmpty() && (rflags >>> bit & 1) != 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(names[bit]);
            }
        }
        return sb.toString();
    }
}
