package dev.memscope.emulator.x86.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random instruction cases for every ALU, shift, rotate, multiply, divide and bit instruction the emulator
 * implements, in every operand size, register and memory forms, with operands that mix edge values (0, 1, -1, the
 * sign bit, its neighbours) and uniform random ones. The same seed gives the same cases.
 */
public final class CaseGenerator {
    /** Registers an instruction may use: all but RSP (the batch uses RSP to load and store the registers). */
    private static final int[] REGS = {0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    private static final String[] SHIFTS = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"};
    private static final String[] BTS = {"bt", "bts", "btr", "btc"};
    private static final int[] SIZES = {1, 2, 4, 8};
    private static final int[] WIDE = {2, 4, 8};

    private final SplittableRandom rnd;
    private long memAddress;

    public CaseGenerator(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** {@code count} cases; case i's memory slot is at {@code memBase + 16 i}. */
    public List<DiffCase> generate(int count, long memBase) {
        List<DiffCase> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            memAddress = memBase + 16L * i;
            out.add(one());
        }
        return out;
    }

    private long value() {
        return switch (rnd.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> -1;
            case 3 -> 1L << rnd.nextInt(64);
            case 4 -> (1L << rnd.nextInt(64)) - 1;
            case 5 -> 0x80L << (8 * rnd.nextInt(8));
            case 6 -> rnd.nextLong() & 0xFF;
            case 7 -> -(rnd.nextLong() & 0xFF);
            case 8 -> 0x7FL << (8 * rnd.nextInt(8)) | (rnd.nextBoolean() ? 0xFF : 0);
            default -> rnd.nextLong();
        };
    }

    private int reg() {
        return REGS[rnd.nextInt(REGS.length)];
    }

    private int size(int[] sizes) {
        return sizes[rnd.nextInt(sizes.length)];
    }

    private DiffCase build(String name, byte[] insn, long[] regs, long undefined) {
        long flags = BatchImage.USER_RFLAGS | (rnd.nextLong() & 0x8D5); // random CF PF AF ZF SF OF
        return new DiffCase(name, insn, regs, flags, value(), value(), memAddress, undefined);
    }

    private long[] randomRegs() {
        long[] r = new long[16];
        for (int i = 0; i < 16; i++) {
            r[i] = value();
        }
        r[4] = 0;
        return r;
    }

    private static String sz(int size) {
        return switch (size) {
            case 1 -> "8";
            case 2 -> "16";
            case 4 -> "32";
            default -> "64";
        };
    }

    private DiffCase one() {
        int t = rnd.nextInt(26);
        int size;
        boolean mem = rnd.nextInt(4) == 0;
        boolean rex = rnd.nextBoolean();
        int reg = reg();
        int rm = reg();
        if (!rex) {
            // Without REX, byte registers 4..7 are AH, CH, DH, BH: any of 0..7 is fine.
            reg = rnd.nextInt(8) == 4 ? 4 : reg;
        }
        long[] regs = randomRegs();
        switch (t) {
            case 0, 1, 2 -> { // ALU r/m, r and r, r/m
                int kind = rnd.nextInt(8);
                size = size(SIZES);
                boolean load = rnd.nextBoolean();
                int op = kind * 8 + (load ? 2 : 0) + (size == 1 ? 0 : 1);
                byte[] b = mem ? Asm.rm(size, rex, reg, memAddress, op) : Asm.rr(size, rex, reg, rm, op);
                return build(ALU[kind] + (load ? " r, r/m" : " r/m, r") + sz(size) + (mem ? " mem" : ""), b, regs,
                        0);
            }
            case 3, 4 -> { // ALU r/m, imm
                int kind = rnd.nextInt(8);
                size = size(SIZES);
                boolean imm8 = size == 1 || rnd.nextBoolean();
                int op = size == 1 ? 0x80 : imm8 ? 0x83 : 0x81;
                byte[] b = mem ? Asm.rm(size, rex, kind, memAddress, op) : Asm.rr(size, rex, kind, rm, op);
                b = Asm.concat(b, value(), imm8 ? 1 : size == 2 ? 2 : 4);
                return build(ALU[kind] + " r/m, imm" + sz(size), b, regs, 0);
            }
            case 5 -> { // TEST, INC, DEC, NOT, NEG
                size = size(SIZES);
                int which = rnd.nextInt(5);
                byte[] b;
                String name;
                switch (which) {
                    case 0 -> {
                        b = Asm.rr(size, rex, reg, rm, size == 1 ? 0x84 : 0x85);
                        name = "test r/m, r";
                    }
                    case 1, 2 -> {
                        int digit = which - 1;
                        b = mem ? Asm.rm(size, rex, digit, memAddress, size == 1 ? 0xFE : 0xFF)
                                : Asm.rr(size, rex, digit, rm, size == 1 ? 0xFE : 0xFF);
                        name = which == 1 ? "inc" : "dec";
                    }
                    default -> {
                        int digit = which == 3 ? 2 : 3;
                        b = mem ? Asm.rm(size, rex, digit, memAddress, size == 1 ? 0xF6 : 0xF7)
                                : Asm.rr(size, rex, digit, rm, size == 1 ? 0xF6 : 0xF7);
                        name = which == 3 ? "not" : "neg";
                    }
                }
                return build(name + sz(size), b, regs, 0);
            }
            case 6, 7, 8, 9 -> { // shifts and rotates
                size = size(SIZES);
                int kind = new int[] {0, 1, 2, 3, 4, 5, 7}[rnd.nextInt(7)];
                int form = rnd.nextInt(3);
                byte[] b;
                String count;
                long n;
                if (form == 0) {
                    int op = size == 1 ? 0xD0 : 0xD1;
                    b = mem ? Asm.rm(size, rex, kind, memAddress, op) : Asm.rr(size, rex, kind, rm, op);
                    count = "1";
                    n = 1;
                } else if (form == 1) {
                    int op = size == 1 ? 0xD2 : 0xD3;
                    b = mem ? Asm.rm(size, rex, kind, memAddress, op) : Asm.rr(size, rex, kind, rm, op);
                    n = shiftCount(size);
                    regs[1] = n | (rnd.nextLong() & ~0xFFL);
                    count = "cl";
                } else {
                    int op = size == 1 ? 0xC0 : 0xC1;
                    b = mem ? Asm.rm(size, rex, kind, memAddress, op) : Asm.rr(size, rex, kind, rm, op);
                    n = shiftCount(size);
                    b = Asm.concat(b, n, 1);
                    count = "imm8";
                }
                return build(SHIFTS[kind] + " r/m" + sz(size) + ", " + count, b, regs, shiftUndefined(kind, size, n));
            }
            case 10 -> { // SHLD / SHRD
                size = size(WIDE);
                boolean left = rnd.nextBoolean();
                boolean cl = rnd.nextBoolean();
                int op = (left ? 0xA4 : 0xAC) + (cl ? 1 : 0);
                long count = size == 2 ? rnd.nextInt(17) : shiftCount(size); // 16-bit counts > 16: undefined result
                byte[] b = mem ? Asm.rm(size, false, reg, memAddress, 0x0F, op) : Asm.rr(size, false, reg, rm, 0x0F,
                        op);
                if (cl) {
                    regs[1] = count | (rnd.nextLong() & ~0xFFL);
                } else {
                    b = Asm.concat(b, count, 1);
                }
                // SDM "SHLD"/"SHRD": OF undefined for counts above 1. (AF, also undefined, is compared: the emulator
                // sets it as this AMD EPYC does.)
                long masked = count & (size == 8 ? 63 : 31);
                long undefined = masked > 1 ? OF : 0;
                return build((left ? "shld" : "shrd") + sz(size) + (cl ? ", cl" : ", imm8"), b, regs, undefined);
            }
            case 11, 12 -> { // MUL, IMUL (one operand)
                size = size(SIZES);
                int digit = rnd.nextBoolean() ? 4 : 5;
                int op = size == 1 ? 0xF6 : 0xF7;
                byte[] b = mem ? Asm.rm(size, rex, digit, memAddress, op) : Asm.rr(size, rex, digit, rm, op);
                return build((digit == 4 ? "mul" : "imul") + sz(size), b, regs, MUL_UNDEFINED);
            }
            case 13 -> { // IMUL r, r/m and IMUL r, r/m, imm
                size = size(WIDE);
                int form = rnd.nextInt(3);
                byte[] b;
                if (form == 0) {
                    b = mem ? Asm.rm(size, false, reg, memAddress, 0x0F, 0xAF) : Asm.rr(size, false, reg, rm, 0x0F,
                            0xAF);
                } else {
                    int op = form == 1 ? 0x6B : 0x69;
                    b = mem ? Asm.rm(size, false, reg, memAddress, op) : Asm.rr(size, false, reg, rm, op);
                    b = Asm.concat(b, value(), form == 1 ? 1 : size == 2 ? 2 : 4);
                }
                return build("imul" + (form == 0 ? "2 " : "3 ") + sz(size), b, regs, MUL_UNDEFINED);
            }
            case 14, 15 -> { // DIV, IDIV without #DE
                size = size(SIZES);
                boolean signed = rnd.nextBoolean();
                int digit = signed ? 7 : 6;
                int op = size == 1 ? 0xF6 : 0xF7;
                int divReg = rm == 0 || rm == 2 ? 3 : rm; // not RAX/RDX, the dividend
                byte[] b = mem ? Asm.rm(size, rex, digit, memAddress, op) : Asm.rr(size, true, digit, divReg, op);
                DiffCase base = build((signed ? "idiv" : "div") + sz(size) + (mem ? " mem" : ""), b, regs, 0);
                long divisor = nonZero(size);
                long[] r = base.regs().clone();
                long m0 = base.mem0();
                if (mem) {
                    m0 = (m0 & ~mask(size)) | (divisor & mask(size));
                } else {
                    r[divReg] = (r[divReg] & ~mask(size)) | (divisor & mask(size));
                }
                dividend(r, size, divisor, signed);
                // SDM "DIV"/"IDIV": CF, OF, SF, ZF, AF and PF are undefined.
                return new DiffCase(base.name(), b, r, base.rflags(), m0, base.mem1(), memAddress,
                        CF | PF | AF | ZF | SF | OF);
            }
            case 16, 17 -> { // BT BTS BTR BTC
                size = size(WIDE);
                int kind = rnd.nextInt(4);
                boolean imm = rnd.nextBoolean();
                byte[] b;
                if (imm) {
                    b = mem ? Asm.rm(size, false, 4 + kind, memAddress, 0x0F, 0xBA)
                            : Asm.rr(size, false, 4 + kind, rm, 0x0F, 0xBA);
                    b = Asm.concat(b, rnd.nextInt(256), 1);
                } else {
                    int op = 0xA3 + 8 * kind;
                    b = mem ? Asm.rm(size, false, reg, memAddress, 0x0F, op) : Asm.rr(size, false, reg, rm, 0x0F, op);
                    if (mem) {
                        regs[reg] = rnd.nextInt(128); // stays inside the 16-byte slot
                    }
                }
                return build(BTS[kind] + sz(size) + (imm ? ", imm8" : ", r") + (mem ? " mem" : ""), b, regs, 0);
            }
            case 18 -> { // BSF BSR TZCNT LZCNT POPCNT
                size = size(WIDE);
                int which = rnd.nextInt(5);
                int[] op = switch (which) {
                    case 0 -> new int[] {0x0F, 0xBC};
                    case 1 -> new int[] {0x0F, 0xBD};
                    case 2 -> new int[] {0x1F3, 0x0F, 0xBC};
                    case 3 -> new int[] {0x1F3, 0x0F, 0xBD};
                    default -> new int[] {0x1F3, 0x0F, 0xB8};
                };
                if (rnd.nextInt(6) == 0) {
                    regs[rm] = 0;
                }
                // Memory forms here go through KVM's instruction emulator on kvm_pvm, which has no POPCNT and would
                // run TZCNT/LZCNT as BSF/BSR: register forms only for those three.
                mem &= which <= 1;
                byte[] b = mem ? Asm.rm(size, false, reg, memAddress, op) : Asm.rr(size, false, reg, rm, op);
                String[] names = {"bsf", "bsr", "tzcnt", "lzcnt", "popcnt"};
                // SDM "BSF"/"BSR": CF, OF, SF, AF, PF undefined; "TZCNT"/"LZCNT": OF, SF, PF, AF undefined.
                long undefined = which <= 1 ? CF | OF | SF | AF | PF : which <= 3 ? OF | SF | PF | AF : 0;
                return build(names[which] + sz(size), b, regs, undefined);
            }
            case 19 -> { // CMPXCHG, XADD, XCHG
                size = size(SIZES);
                int which = rnd.nextInt(3);
                if (which == 0 && rnd.nextBoolean()) {
                    regs[0] = mem ? 0 : regs[rm]; // make equal cases common
                }
                int[] op = switch (which) {
                    case 0 -> new int[] {0x0F, size == 1 ? 0xB0 : 0xB1};
                    case 1 -> new int[] {0x0F, size == 1 ? 0xC0 : 0xC1};
                    default -> new int[] {size == 1 ? 0x86 : 0x87};
                };
                byte[] b = mem ? Asm.rm(size, rex, reg, memAddress, op) : Asm.rr(size, rex, reg, rm, op);
                return build(new String[] {"cmpxchg", "xadd", "xchg"}[which] + sz(size), b, regs, 0);
            }
            case 20 -> { // SETcc and CMOVcc
                int cc = rnd.nextInt(16);
                if (rnd.nextBoolean()) {
                    byte[] b = mem ? Asm.rm(1, rex, 0, memAddress, 0x0F, 0x90 + cc)
                            : Asm.rr(1, rex, 0, rm, 0x0F, 0x90 + cc);
                    return build("setcc " + cc, b, regs, 0);
                }
                size = size(WIDE);
                byte[] b = mem ? Asm.rm(size, false, reg, memAddress, 0x0F, 0x40 + cc)
                        : Asm.rr(size, false, reg, rm, 0x0F, 0x40 + cc);
                return build("cmovcc " + cc + " " + sz(size), b, regs, 0);
            }
            case 21 -> { // MOVZX, MOVSX, MOVSXD, BSWAP, CBW family
                size = size(WIDE);
                int which = rnd.nextInt(6);
                byte[] b;
                switch (which) {
                    case 0, 1, 2, 3 -> {
                        int op = new int[] {0xB6, 0xB7, 0xBE, 0xBF}[which];
                        b = mem ? Asm.rm(size, rex, reg, memAddress, 0x0F, op) : Asm.rr(size, rex, reg, rm, 0x0F, op);
                    }
                    case 4 -> {
                        int r = rm;
                        size = rnd.nextBoolean() ? 4 : 8;
                        b = new byte[] {(byte) (0x40 | (size == 8 ? 8 : 0) | (r >> 3)), 0x0F, (byte) (0xC8 + (r & 7))};
                    }
                    default -> {
                        int op = rnd.nextBoolean() ? 0x98 : 0x99;
                        b = size == 8 ? new byte[] {0x48, (byte) op}
                                : size == 2 ? new byte[] {0x66, (byte) op} : new byte[] {(byte) op};
                    }
                }
                return build(new String[] {"movzx8", "movzx16", "movsx8", "movsx16", "bswap", "cbw/cwd"}[which]
                        + " " + sz(size), b, regs, 0);
            }
            case 22 -> { // flags: SAHF, LAHF, CMC, CLC, STC
                int op = new int[] {0x9E, 0x9F, 0xF5, 0xF8, 0xF9}[rnd.nextInt(5)];
                return build(String.format("flags %02x", op), new byte[] {(byte) op}, regs, 0);
            }
            case 23 -> { // MOVSXD
                byte[] b = mem ? Asm.rm(8, false, reg, memAddress, 0x63) : Asm.rr(8, false, reg, rm, 0x63);
                return build("movsxd", b, regs, 0);
            }
            case 24 -> { // string instructions, with and without REP, in both directions
                return string(regs);
            }
            default -> { // CMPXCHG8B / CMPXCHG16B on the (16-byte aligned) slot
                boolean wide = rnd.nextBoolean();
                byte[] b = Asm.rm(wide ? 8 : 4, false, 1, memAddress, 0x0F, 0xC7);
                DiffCase base = build(wide ? "cmpxchg16b" : "cmpxchg8b", b, regs, 0);
                long[] r = base.regs().clone();
                if (rnd.nextBoolean()) { // equal: RDX:RAX matches memory
                    r[0] = wide ? base.mem0() : (r[0] & ~0xFFFFFFFFL) | (base.mem0() & 0xFFFFFFFFL);
                    r[2] = wide ? base.mem1() : (r[2] & ~0xFFFFFFFFL) | (base.mem0() >>> 32);
                }
                return new DiffCase(base.name(), b, r, base.rflags(), base.mem0(), base.mem1(), memAddress, 0);
            }
        }
    }

    /**
     * MOVS, STOS, LODS, CMPS, SCAS of 1 to 8 bytes, REP/REPE/REPNE or none, DF clear or set: RSI walks the slot's
     * first 8 bytes and RDI its last 8, so every access stays in the slot.
     */
    private DiffCase string(long[] regs) {
        int[] sizes = {1, 2, 4, 8};
        int size = sizes[rnd.nextInt(4)];
        int which = rnd.nextInt(5);
        int op = new int[] {0xA4, 0xAA, 0xAC, 0xA6, 0xAE}[which] + (size == 1 ? 0 : 1);
        boolean down = rnd.nextBoolean();
        int rep = rnd.nextInt(3); // 0 none, 1 F3, 2 F2
        if (rep == 2 && which < 3) {
            rep = 1; // REPNE is for CMPS and SCAS
        }
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        if (rep != 0) {
            o.write(rep == 1 ? 0xF3 : 0xF2);
        }
        if (size == 2) {
            o.write(0x66);
        }
        if (size == 8) {
            o.write(0x48);
        }
        o.write(op);
        long count = rnd.nextInt(8 / size + 1);
        regs[1] = count;
        regs[6] = memAddress + (down ? 8 - size : 0);
        regs[7] = memAddress + 8 + (down ? 8 - size : 0);
        if (which >= 3 && rnd.nextBoolean()) {
            regs[0] = 0; // make early REPE/REPNE ends likelier with the zero bytes of many slots
        }
        String[] names = {"movs", "stos", "lods", "cmps", "scas"};
        DiffCase c = build((rep == 0 ? "" : rep == 1 ? "rep " : "repne ") + names[which] + (size * 8), o.toByteArray(),
                regs, 0);
        long flags = c.rflags() | (down ? 0x400 : 0);
        return new DiffCase(c.name(), c.insn(), c.regs(), flags, c.mem0(), c.mem1(), c.memAddress(), 0);
    }

    static final long CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800;
    /** SDM "MUL"/"IMUL": SF, ZF, AF and PF are undefined. */
    static final long MUL_UNDEFINED = SF | ZF | AF | PF;

    /**
     * Flags the SDM leaves undefined after a shift or rotate by {@code count} that the comparison ignores: OF when the
     * masked count is above 1. (AF after SHL/SHR/SAR, also undefined, is compared: the emulator sets it as this AMD
     * EPYC does.)
     */
    static long shiftUndefined(int kind, int size, long count) {
        long masked = count & (size == 8 ? 63 : 31);
        return masked > 1 ? OF : 0;
    }

    private long shiftCount(int size) {
        return switch (rnd.nextInt(4)) {
            case 0 -> 1;
            case 1 -> rnd.nextInt(size * 8 + 1);
            case 2 -> rnd.nextInt(256);
            default -> rnd.nextInt(8);
        };
    }

    private static long mask(int size) {
        return size == 8 ? -1L : (1L << (size * 8)) - 1;
    }

    private long nonZero(int size) {
        long v;
        do {
            v = value() & mask(size);
        } while (v == 0);
        return v;
    }

    /** Sets RDX:RAX (or AX) to a dividend whose quotient fits, so the case raises no #DE. */
    private void dividend(long[] r, int size, long divisor, boolean signed) {
        long m = mask(size);
        int bits = size * 8;
        if (!signed) {
            long lo = value() & m;
            long hi = Long.remainderUnsigned(value() & m, divisor);
            if (size == 1) {
                r[0] = (r[0] & ~0xFFFFL) | (hi << 8) | lo;
            } else {
                r[0] = (r[0] & ~m) | lo;
                r[2] = (r[2] & ~m) | hi;
            }
            return;
        }
        long d = divisor << (64 - bits) >> (64 - bits);
        long lo = value() & m;
        long slo = lo << (64 - bits) >> (64 - bits);
        if (slo == (Long.MIN_VALUE >> (64 - bits)) && d == -1) {
            lo = 1;
            slo = 1;
        }
        long hi = slo < 0 ? m : 0; // the sign extension of the low half: the quotient always fits
        if (size == 1) {
            r[0] = (r[0] & ~0xFFFFL) | ((hi & 0xFF) << 8) | lo;
        } else {
            r[0] = (r[0] & ~m) | lo;
            r[2] = (r[2] & ~m) | hi;
        }
    }
}
