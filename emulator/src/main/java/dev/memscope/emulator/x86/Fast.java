package dev.memscope.emulator.x86;

/**
 * The specialised execution forms chosen by {@link Specializer}: same semantics as the general {@link Op} they come
 * from, for one operand size and operand kind, so the hot path needs no size or operand dispatch.
 */
final class Fast {
    private Fast() {
    }

    static final int MOV64_RR_EG = 200, MOV32_RR_EG = 201, MOV64_RR_GE = 202, MOV32_RR_GE = 203, LOAD64 = 204,
            LOAD32 = 205, STORE64 = 206, STORE32 = 207, MOV_RI = 208, LEA64 = 209, ALU64_RR = 210, ALU32_RR = 211,
            ALU64_RI = 212, ALU32_RI = 213, SHIFT64_RI = 214, SHIFT32_RI = 215, PUSH64 = 216, POP64 = 217,
            TEST_RR = 218, STORE8_I = 219, CMP8_MI = 220, ALU64_MR = 221, RET_NEAR = 222;
    /** ALU register forms by kind: {@code KIND_RR64} ... {@code KIND_RI32} (from 230). */
    static final int ADD_RR64 = 230, OR_RR64 = 231, AND_RR64 = 232, SUB_RR64 = 233, XOR_RR64 = 234, CMP_RR64 = 235, ADD_RI64 = 236, OR_RI64 = 237, AND_RI64 = 238, SUB_RI64 = 239, XOR_RI64 = 240, CMP_RI64 = 241, ADD_RR32 = 242, OR_RR32 = 243, AND_RR32 = 244, SUB_RR32 = 245, XOR_RR32 = 246, CMP_RR32 = 247, ADD_RI32 = 248, OR_RI32 = 249, AND_RI32 = 250, SUB_RI32 = 251, XOR_RI32 = 252, CMP_RI32 = 253;
    static final int ALU_KIND_BASE = 230;
    /** Kinds in the order of the constants above (index = (xop - 230) % 6). */
    static final int[] ALU_KINDS = {Op.ADD, Op.OR, Op.AND, Op.SUB, Op.XOR, Op.CMP};

    /** Plain (no segment override, 64-bit addressing) effective address. */
    static long ea(Cpu c, Insn in) {
        long a = in.disp;
        int b = in.base;
        if (b >= 0) {
            a += b == Insn.RIP ? c.rip : c.regs[b];
        }
        int x = in.index;
        if (x >= 0) {
            a += c.regs[x] << in.scale;
        }
        return a;
    }

    /**
     * ALU r/m64, r64 on memory (read-modify-write): with a write-TLB hit the page is read and written in place;
     * otherwise the general path (which checks the write first, so a fault leaves memory unchanged).
     */
    static void alu64Mem(Cpu c, Insn in) {
        alu64Mem(c, ea(c, in), in.sub, c.regs[in.reg]);
    }

    static void alu64Mem(Cpu c, long la, int kind, long src) {
        Mmu m = c.mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.wTag[i] == la >>> 12 && off <= 4088) {
            byte[] page = m.wPage[i];
            long d = (long) Cpu.LE64.get(page, off);
            long res = AluOps.alu(c, kind, d, src, 8, -1L);
            Cpu.LE64.set(page, off, res);
            return;
        }
        c.probeWrite(la, 8); // the write is checked first, so a fault leaves memory unchanged
        long d = c.read64(la);
        c.write64(la, AluOps.alu(c, kind, d, src, 8, -1L));
    }

    /** dst = dst kind src at 64 bits (ADD, OR, AND, SUB, XOR, CMP); register operands rm (dst) and reg (src). */
    static void alu64(Cpu c, int kind, int dst, long src) {
        long[] r = c.regs;
        long d = r[dst];
        long res;
        switch (kind) {
            case Op.ADD -> {
                res = d + src;
                r[dst] = res;
                c.flags(Flags.ADD, res, d, src, 8);
            }
            case Op.OR -> {
                res = d | src;
                r[dst] = res;
                c.flags(Flags.LOGIC, res, d, src, 8);
            }
            case Op.AND -> {
                res = d & src;
                r[dst] = res;
                c.flags(Flags.LOGIC, res, d, src, 8);
            }
            case Op.XOR -> {
                res = d ^ src;
                r[dst] = res;
                c.flags(Flags.LOGIC, res, d, src, 8);
            }
            case Op.SUB -> {
                res = d - src;
                r[dst] = res;
                c.flags(Flags.SUB, res, d, src, 8);
            }
            default -> c.flags(Flags.SUB, d - src, d, src, 8); // CMP
        }
    }

    static void alu32(Cpu c, int kind, int dst, long src) {
        long[] r = c.regs;
        long d = r[dst] & 0xFFFFFFFFL;
        long res;
        switch (kind) {
            case Op.ADD -> {
                res = (d + src) & 0xFFFFFFFFL;
                r[dst] = res;
                c.flags(Flags.ADD, res, d, src, 4);
            }
            case Op.OR -> {
                res = d | src;
                r[dst] = res;
                c.flags(Flags.LOGIC, res, d, src, 4);
            }
            case Op.AND -> {
                res = d & src;
                r[dst] = res;
                c.flags(Flags.LOGIC, res, d, src, 4);
            }
            case Op.XOR -> {
                res = d ^ src;
                r[dst] = res;
                c.flags(Flags.LOGIC, res, d, src, 4);
            }
            case Op.SUB -> {
                res = (d - src) & 0xFFFFFFFFL;
                r[dst] = res;
                c.flags(Flags.SUB, res, d, src, 4);
            }
            default -> c.flags(Flags.SUB, (d - src) & 0xFFFFFFFFL, d, src, 4); // CMP
        }
    }

    static void shift(Cpu c, Insn in, int size) {
        shift(c, in.sub, in.rm, (int) in.imm2, in.mask, size);
    }

    /** SHL/SAL, SHR or SAR of register {@code d} by a count {@code n} already masked and not 0. */
    static void shift(CpuState c, int kind, int d, int n, long mask, int size) {
        long[] r = c.regs;
        long dst = r[d] & mask;
        long res;
        switch (kind) {
            case Op.SHR -> {
                res = dst >>> n;
                c.flags(Flags.SHR, res, dst, n, size);
            }
            case Op.SAR -> {
                res = (Flags.signExtend(dst, size) >> n) & mask;
                c.flags(Flags.SAR, res, dst, n, size);
            }
            default -> {
                res = (dst << n) & mask;
                c.flags(Flags.SHL, res, dst, n, size);
            }
        }
        r[d] = res;
    }
}
