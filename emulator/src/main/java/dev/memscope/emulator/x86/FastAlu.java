package dev.memscope.emulator.x86;

/**
 * The register forms of ADD, OR, AND, SUB, XOR and CMP at 64 and 32 bits, one tiny method each, so the JIT inlines
 * them into the run loop whatever its profile says (generated; same semantics as {@link AluOps#alu}).
 */
final class FastAlu {
    private FastAlu() {
    }

    static void addrr64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = c.regs[in.reg];
        long v = d + s;
        r[in.rm] = v;
        c.flags(Flags.ADD, v, d, s, 8);
    }

    static void orrr64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = c.regs[in.reg];
        long v = d | s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 8);
    }

    static void andrr64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = c.regs[in.reg];
        long v = d & s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 8);
    }

    static void subrr64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = c.regs[in.reg];
        long v = d - s;
        r[in.rm] = v;
        c.flags(Flags.SUB, v, d, s, 8);
    }

    static void xorrr64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = c.regs[in.reg];
        long v = d ^ s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 8);
    }

    static void cmprr64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = c.regs[in.reg];
        long v = d - s;
        c.flags(Flags.SUB, v, d, s, 8);
    }

    static void addri64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = in.imm;
        long v = d + s;
        r[in.rm] = v;
        c.flags(Flags.ADD, v, d, s, 8);
    }

    static void orri64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = in.imm;
        long v = d | s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 8);
    }

    static void andri64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = in.imm;
        long v = d & s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 8);
    }

    static void subri64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = in.imm;
        long v = d - s;
        r[in.rm] = v;
        c.flags(Flags.SUB, v, d, s, 8);
    }

    static void xorri64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = in.imm;
        long v = d ^ s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 8);
    }

    static void cmpri64(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm];
        long s = in.imm;
        long v = d - s;
        c.flags(Flags.SUB, v, d, s, 8);
    }

    static void addrr32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = c.regs[in.reg] & 0xFFFFFFFFL;
        long v = (d + s) & 0xFFFFFFFFL;
        r[in.rm] = v;
        c.flags(Flags.ADD, v, d, s, 4);
    }

    static void orrr32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = c.regs[in.reg] & 0xFFFFFFFFL;
        long v = d | s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 4);
    }

    static void andrr32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = c.regs[in.reg] & 0xFFFFFFFFL;
        long v = d & s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 4);
    }

    static void subrr32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = c.regs[in.reg] & 0xFFFFFFFFL;
        long v = (d - s) & 0xFFFFFFFFL;
        r[in.rm] = v;
        c.flags(Flags.SUB, v, d, s, 4);
    }

    static void xorrr32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = c.regs[in.reg] & 0xFFFFFFFFL;
        long v = d ^ s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 4);
    }

    static void cmprr32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = c.regs[in.reg] & 0xFFFFFFFFL;
        long v = (d - s) & 0xFFFFFFFFL;
        c.flags(Flags.SUB, v, d, s, 4);
    }

    static void addri32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = in.imm;
        long v = (d + s) & 0xFFFFFFFFL;
        r[in.rm] = v;
        c.flags(Flags.ADD, v, d, s, 4);
    }

    static void orri32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = in.imm;
        long v = d | s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 4);
    }

    static void andri32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = in.imm;
        long v = d & s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 4);
    }

    static void subri32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = in.imm;
        long v = (d - s) & 0xFFFFFFFFL;
        r[in.rm] = v;
        c.flags(Flags.SUB, v, d, s, 4);
    }

    static void xorri32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = in.imm;
        long v = d ^ s;
        r[in.rm] = v;
        c.flags(Flags.LOGIC, v, d, s, 4);
    }

    static void cmpri32(CpuState c, Insn in) {
        long[] r = c.regs;
        long d = r[in.rm] & 0xFFFFFFFFL;
        long s = in.imm;
        long v = (d - s) & 0xFFFFFFFFL;
        c.flags(Flags.SUB, v, d, s, 4);
    }
}
