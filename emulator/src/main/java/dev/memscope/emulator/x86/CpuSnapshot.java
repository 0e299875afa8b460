package dev.memscope.emulator.x86;

import dev.memscope.emulator.backend.KvmSegment;
import java.util.List;

/**
 * An immutable copy of the CPU state for the UI: general registers (RAX..R15), RIP, RFLAGS and its decoded flags,
 * control registers, EFER, segments and descriptor tables, CPL and the instruction count.
 */
public record CpuSnapshot(long[] gpr, long rip, long rflags, List<String> flagsSet, long cr0, long cr2, long cr3,
        long cr4, long cr8, long efer, List<KvmSegment> segments, long gdtBase, int gdtLimit, long idtBase,
        int idtLimit, KvmSegment tr, int cpl, long instructionCount) {
    public static final List<String> REGISTER_NAMES = List.of("rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15");
    /** Segment order of {@link #segments}. */
    public static final List<String> SEGMENT_NAMES = List.of("es", "cs", "ss", "ds", "fs", "gs");
    private static final String[] FLAG_NAMES = {"CF", null, "PF", null, "AF", null, "ZF", "SF", "TF", "IF", "DF",
        "OF", null, null, "NT", null, "RF", "VM", "AC", "VIF", "VIP", "ID"};

    public CpuSnapshot {
        gpr = gpr.clone();
        flagsSet = List.copyOf(flagsSet);
        segments = List.copyOf(segments);
    }

    @Override
    public long[] gpr() {
        return gpr.clone();
    }

    public long gpr(int index) {
        return gpr[index];
    }

    /** The flags set in {@code rflags}, by their SDM names, plus "IOPL=n" when IOPL is not 0. */
    public static List<String> decodeFlags(long rflags) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if (FLAG_NAMES[i] != null && (rflags & (1L << i)) != 0) {
                out.add(FLAG_NAMES[i]);
            }
        }
        int iopl = (int) (rflags >>> 12) & 3;
        if (iopl != 0) {
            out.add("IOPL=" + iopl);
        }
        return out;
    }

    static CpuSnapshot of(Cpu c) {
        long rflags = c.rflags();
        List<KvmSegment> segs = List.of(c.getSregs().es(), c.getSregs().cs(), c.getSregs().ss(), c.getSregs().ds(),
                c.getSregs().fs(), c.getSregs().gs());
        return new CpuSnapshot(c.regs, c.rip, rflags, decodeFlags(rflags), c.cr0, c.cr2, c.cr3, c.cr4, c.cr8, c.efer,
                segs, c.gdtBase, c.gdtLimit, c.idtBase, c.idtLimit, c.tr, c.cpl, c.icount);
    }
}
