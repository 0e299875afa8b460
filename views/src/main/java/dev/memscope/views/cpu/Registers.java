package dev.memscope.views.cpu;

import dev.memscope.emulator.api.CpuState;
import java.util.ArrayList;
import java.util.List;

/**
 * The register rows of the CPU pane, diffed against the previous stop (as Blink's debugger highlights what changed).
 * Values print as the kernel's {@code __show_regs()} prints them: upper-case names, zero-padded hex without a prefix.
 */
public final class Registers {
    /** Register names in the order the pane lays them out: the GPRs two by two as in an oops, then the rest. */
    public static final List<String> GPR_LAYOUT = List.of("RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "RSP",
            "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15");
    public static final List<String> SYSTEM_LAYOUT = List.of("RIP", "RFLAGS", "CR0", "CR2", "CR3", "CR4", "EFER",
            "CPL", "CS", "SS");

    private Registers() {
    }

    /** Every row, GPRs first (in {@link #GPR_LAYOUT} order), then {@link #SYSTEM_LAYOUT}; {@code before} may be null. */
    public static List<RegisterRow> rows(CpuState now, CpuState before) {
        List<RegisterRow> rows = new ArrayList<>(GPR_LAYOUT.size() + SYSTEM_LAYOUT.size());
        for (String name : GPR_LAYOUT) {
            int index = CpuState.GPR_NAMES.indexOf(name.toLowerCase());
            rows.add(row(name, now.gpr(index), before == null ? null : before.gpr(index), 16, ""));
        }
        rows.add(row("RIP", now.rip(), before == null ? null : before.rip(), 16, ""));
        rows.add(row("RFLAGS", now.rflags(), before == null ? null : before.rflags(), 8,
                ControlBits.setBits(ControlBits.RFLAGS, now.rflags())));
        rows.add(row("CR0", now.cr0(), before == null ? null : before.cr0(), 8,
                ControlBits.setBits(ControlBits.CR0, now.cr0())));
        rows.add(row("CR2", now.cr2(), before == null ? null : before.cr2(), 16, ""));
        rows.add(row("CR3", now.cr3(), before == null ? null : before.cr3(), 16, ""));
        rows.add(row("CR4", now.cr4(), before == null ? null : before.cr4(), 8,
                ControlBits.setBits(ControlBits.CR4, now.cr4())));
        rows.add(row("EFER", now.efer(), before == null ? null : before.efer(), 8,
                ControlBits.setBits(ControlBits.EFER, now.efer())));
        rows.add(new RegisterRow("CPL", now.cpl(), Integer.toString(now.cpl()), "",
                before != null && before.cpl() != now.cpl()));
        rows.add(row("CS", now.cs(), before == null ? null : (long) before.cs(), 4, ""));
        rows.add(row("SS", now.ss(), before == null ? null : (long) before.ss(), 4, ""));
        return rows;
    }

    /** The RFLAGS chips, diffed against {@code before} (may be null). */
    public static List<FlagChip> flags(CpuState now, CpuState before) {
        List<FlagChip> chips = new ArrayList<>();
        for (ControlBits.Bit bit : ControlBits.RFLAGS) {
            boolean set = bit.isSet(now.rflags());
            chips.add(new FlagChip(bit.name(), set, before != null && bit.isSet(before.rflags()) != set));
        }
        return chips;
    }

    /** Whether two states hold the same architectural values (CpuState compares its array by identity). */
    public static boolean same(CpuState a, CpuState b) {
        if (a == null || b == null) {
            return a == b;
        }
        return java.util.Arrays.equals(a.gpr(), b.gpr()) && a.rip() == b.rip() && a.rflags() == b.rflags()
                && a.cr0() == b.cr0() && a.cr2() == b.cr2() && a.cr3() == b.cr3() && a.cr4() == b.cr4()
                && a.efer() == b.efer() && a.cpl() == b.cpl() && a.cs() == b.cs() && a.ss() == b.ss();
    }

    /** {@code digits} hex digits, zero padded, lower case, no prefix (wider values print in full). */
    static String hex(long value, int digits) {
        String s = Long.toHexString(value);
        return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
    }

    private static RegisterRow row(String name, long value, Long before, int digits, String decoded) {
        return new RegisterRow(name, value, hex(value, digits), decoded, before != null && before != value);
    }
}
