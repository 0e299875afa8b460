package dev.memscope.emulator.x86;

import dev.memscope.emulator.backend.KvmSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The architectural state of the CPU (Intel SDM Vol. 1, 3.4 and Vol. 3, 2.5): general registers in a {@code long[]},
 * RIP, RFLAGS with lazy arithmetic flags, control registers, segments, descriptor tables; and the data accesses of
 * instructions: effective addresses, the software-TLB fast path of every load and store, the stack. {@link Cpu} adds
 * the machinery that runs instructions and the public API.
 */
abstract class CpuState {
    static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;
    static final int RSP = 4;

    // ---- architectural state -------------------------------------------------------------------------------
    final long[] regs = new long[16];
    long rip;
    /** RFLAGS bits that are not arithmetic flags (bit 1, TF, IF, DF, IOPL, NT, RF, AC, ID). */
    long rflagsRest = 2;
    // Lazy arithmetic flags (see Flags).
    int fOp = Flags.EAGER;
    long fRes, fDst, fSrc, fCarry;
    int fSize = 8;

    long cr0, cr2, cr3, cr4, cr8, efer;
    long gdtBase, idtBase;
    int gdtLimit, idtLimit;
    final KvmSegment[] seg = new KvmSegment[6];
    final long[] segBase = new long[6];
    KvmSegment tr, ldt;
    int cpl;
    final Msrs msrs = new Msrs();
    /** Debug registers: stored and read back, no breakpoints (the debugger uses hooks instead). */
    final long[] dr = new long[8];

    // ---- registers -----------------------------------------------------------------------------------------

    long getReg(int r, int size) {
        switch (size) {
            case 8: return regs[r];
            case 4: return regs[r] & 0xFFFFFFFFL;
            case 2: return regs[r] & 0xFFFF;
            default: return r < Insn.AH ? regs[r] & 0xFF : (regs[r - Insn.AH] >>> 8) & 0xFF;
        }
    }

    void setReg(int r, int size, long v) {
        switch (size) {
            case 8 -> regs[r] = v;
            case 4 -> regs[r] = v & 0xFFFFFFFFL;
            case 2 -> regs[r] = (regs[r] & ~0xFFFFL) | (v & 0xFFFF);
            default -> {
                if (r < Insn.AH) {
                    regs[r] = (regs[r] & ~0xFFL) | (v & 0xFF);
                } else {
                    int q = r - Insn.AH;
                    regs[q] = (regs[q] & ~0xFF00L) | ((v & 0xFF) << 8);
                }
            }
        }
    }

    public long reg(int r) {
        return regs[r];
    }

    public void setReg(int r, long v) {
        regs[r] = v;
    }

    public long rip() {
        return rip;
    }

    public void setRip(long rip) {
        this.rip = rip;
    }

    public long rflags() {
        return rflagsRest | Flags.compute(this);
    }

    public void setRflags(long v) {
        rflagsRest = (v & ~Flags.ARITH) | 2;
        fOp = Flags.EAGER;
        fRes = v & Flags.ARITH;
    }

    /** Sets the lazy flags state. */
    void flags(int op, long res, long dst, long src, int size) {
        fOp = op;
        fRes = res;
        fDst = dst;
        fSrc = src;
        fSize = size;
    }

    public int cpl() {
        return cpl;
    }

    public long cr0() {
        return cr0;
    }

    public long cr2() {
        return cr2;
    }

    public long cr3() {
        return cr3;
    }

    public long cr4() {
        return cr4;
    }

    public long efer() {
        return efer;
    }

    public long segmentBase(int segment) {
        return segBase[segment];
    }

    // ---- memory operands -----------------------------------------------------------------------------------

    /** Effective linear address of the memory operand. */
    long ea(Insn in) {
        long a = in.disp;
        int b = in.base;
        if (b >= 0) {
            a += b == Insn.RIP ? rip : regs[b];
        }
        if (in.index >= 0) {
            a += regs[in.index] << in.scale;
        }
        if (in.a32) {
            a &= 0xFFFFFFFFL;
        }
        int s = in.seg;
        return s < 0 ? a : a + segBase[s];
    }

    long readE(Insn in) {
        int r = in.rm;
        return r >= 0 ? getReg(r, in.osize) : read(ea(in), in.osize);
    }

    void writeE(Insn in, long v) {
        int r = in.rm;
        if (r >= 0) {
            setReg(r, in.osize, v);
        } else {
            write(ea(in), in.osize, v);
        }
    }

    long read(long la, int size) {
        switch (size) {
            case 8: return read64(la);
            case 4: return read32(la);
            case 2: return read16(la);
            default: return read8(la);
        }
    }

    void write(long la, int size, long v) {
        switch (size) {
            case 8 -> write64(la, v);
            case 4 -> write32(la, v);
            case 2 -> write16(la, v);
            default -> write8(la, v);
        }
    }

    long read8(long la) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        if (m.rTag[i] == la >>> 12) {
            return m.rPage[i][(int) la & 0xFFF] & 0xFF;
        }
        return m.readSlow(la, 1);
    }

    long read16(long la) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.rTag[i] == la >>> 12 && off <= 4094) {
            return (short) LE16.get(m.rPage[i], off) & 0xFFFF;
        }
        return m.readSlow(la, 2);
    }

    long read32(long la) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.rTag[i] == la >>> 12 && off <= 4092) {
            return (int) LE32.get(m.rPage[i], off) & 0xFFFFFFFFL;
        }
        return m.readSlow(la, 4);
    }

    long read64(long la) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.rTag[i] == la >>> 12 && off <= 4088) {
            return (long) LE64.get(m.rPage[i], off);
        }
        return m.readSlow(la, 8);
    }

    void write8(long la, long v) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        if (m.wTag[i] == la >>> 12) {
            m.wPage[i][(int) la & 0xFFF] = (byte) v;
            return;
        }
        m.writeSlow(la, 1, v);
    }

    void write16(long la, long v) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.wTag[i] == la >>> 12 && off <= 4094) {
            LE16.set(m.wPage[i], off, (short) v);
            return;
        }
        m.writeSlow(la, 2, v);
    }

    void write32(long la, long v) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.wTag[i] == la >>> 12 && off <= 4092) {
            LE32.set(m.wPage[i], off, (int) v);
            return;
        }
        m.writeSlow(la, 4, v);
    }

    void write64(long la, long v) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        int off = (int) la & 0xFFF;
        if (m.wTag[i] == la >>> 12 && off <= 4088) {
            LE64.set(m.wPage[i], off, v);
            return;
        }
        m.writeSlow(la, 8, v);
    }

    /** Checks that a write of {@code size} bytes at {@code la} can be done (translating, faulting if not). */
    void probeWrite(long la, int size) {
        Mmu m = mmu;
        int i = (int) (la >>> 12) & Mmu.TLB_MASK;
        if (m.wTag[i] == la >>> 12 && ((int) la & 0xFFF) <= 4096 - size) {
            return;
        }
        m.probeWriteSlow(la, size);
    }

    /** Reads the E operand of a read-modify-write instruction: a memory operand is checked for writing first. */
    long readRmw(Insn in, long la) {
        int r = in.rm;
        if (r >= 0) {
            return getReg(r, in.osize);
        }
        probeWrite(la, in.osize);
        return read(la, in.osize);
    }

    void writeRmw(Insn in, long la, long v) {
        int r = in.rm;
        if (r >= 0) {
            setReg(r, in.osize, v);
        } else {
            write(la, in.osize, v);
        }
    }

    // ---- stack ---------------------------------------------------------------------------------------------

    void push64(long v) {
        long sp = regs[RSP] - 8;
        write64(sp, v);
        regs[RSP] = sp;
    }

    void push(int size, long v) {
        long sp = regs[RSP] - size;
        write(sp, size, v);
        regs[RSP] = sp;
    }

    /** Reads the top of the stack; the caller commits with {@link #popCommit}. */
    long peek(int size) {
        return read(regs[RSP], size);
    }

    long pop(int size) {
        long v = read(regs[RSP], size);
        regs[RSP] += size;
        return v;
    }

    void loadSegment(int s, KvmSegment k) {
        seg[s] = k;
        // In 64-bit mode only FS and GS have a base; the others are flat whatever their descriptor says.
        segBase[s] = s == FS || s == GS ? k.base() : 0;
    }

    /** RFLAGS, with the arithmetic flags computed. */
    long materializeFlags() {
        long f = Flags.compute(this);
        fOp = Flags.EAGER;
        fRes = f;
        return f;
    }

    void setCpl(int newCpl) {
        if (newCpl != cpl) {
            cpl = newCpl;
            mmu.flushAll(); // TLB entries were filled for the old privilege level
        }
    }

    /** The software TLBs and decoded-instruction cache (set by {@link Cpu}'s constructor). */
    Mmu mmu;
}
