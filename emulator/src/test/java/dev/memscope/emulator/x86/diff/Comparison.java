package dev.memscope.emulator.x86.diff;

/** Compares one case's outputs from the two sides and describes the difference. */
final class Comparison {
    private static final String[] FLAG_NAMES = {"CF", "", "PF", "", "AF", "", "ZF", "SF", "TF", "IF", "DF", "OF"};

    private Comparison() {
    }

    /** Null when the emulator and the CPU agree on case i (ignoring the case's undefined flags), else a report. */
    static String describe(DiffCase c, BatchImage batch, byte[] emu, byte[] cpu, int i) {
        long[] e = batch.outputOf(emu, i);
        long[] k = batch.outputOf(cpu, i);
        long[] em = batch.memoryOf(emu, i);
        long[] km = batch.memoryOf(cpu, i);
        StringBuilder d = new StringBuilder();
        for (int r : BatchImage.ORDER) {
            if (e[r] != k[r]) {
                d.append(String.format(" %s emu=%x cpu=%x", DiffCase.REGS[index(r)], e[r], k[r]));
            }
        }
        // The arithmetic flags and DF: what these instructions may change. IF and IOPL of ring 3 are the
        // hypervisor's business under kvm_pvm (its real ring 3 has IOPL 0), not the instruction's.
        long flagDiff = (e[16] ^ k[16]) & 0xCD5 & ~c.undefinedFlags();
        if (flagDiff != 0) {
            d.append(String.format(" rflags emu=%x cpu=%x (%s)", e[16], k[16], flags(flagDiff)));
        }
        for (int w = 0; w < 2; w++) {
            if (em[w] != km[w]) {
                d.append(String.format(" mem[%d] emu=%x cpu=%x", 8 * w, em[w], km[w]));
            }
        }
        if (d.length() == 0) {
            return null;
        }
        StringBuilder in = new StringBuilder();
        for (int r : BatchImage.ORDER) {
            in.append(String.format(" %s=%x", DiffCase.REGS[index(r)], c.regs()[r]));
        }
        return String.format("case %d %s [%s] in: rflags=%x mem=%x,%x%s%n    diff:%s", i, c.name(), c.hex(),
                c.rflags(), c.mem0(), c.mem1(), in, d);
    }

    private static int index(int reg) {
        return reg < 4 ? reg : reg - 1;
    }

    static String flags(long bits) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((bits & (1L << i)) != 0 && !FLAG_NAMES[i].isEmpty()) {
                s.append(s.length() == 0 ? "" : " ").append(FLAG_NAMES[i]);
            }
        }
        return s.toString();
    }
}
