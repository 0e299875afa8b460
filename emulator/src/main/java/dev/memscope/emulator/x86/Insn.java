package dev.memscope.emulator.x86;

/**
 * One decoded instruction, as {@link Decoder} leaves it. Field names follow the Intel SDM (Vol. 2, chapter 2):
 * ModRM {@code reg} and {@code rm}, SIB {@code base}, {@code index}, {@code scale}, {@code disp}, {@code imm}.
 * Instances live in the decoded-instruction cache and are executed many times; nothing in them depends on the
 * linear address they were fetched from (RIP-relative operands are resolved at execution).
 */
public final class Insn {
    /** {@link #base} value for RIP-relative addressing. */
    public static final int RIP = 16;
    /** 8-bit register numbers 16..19 are AH, CH, DH, BH (legacy high-byte registers, only without REX). */
    public static final int AH = 16;

    /** What to do: one of {@link Op}. */
    public int op;
    /** How the executor does it: {@link #op}, or a specialised form chosen by {@link Specializer} (see {@link Fast}). */
    int xop;
    /** Sub-operation: ALU kind, condition code, shift kind, bit-test kind, source size of MOVZX/MOVSX. */
    public int sub;
    /** Length in bytes (1..15). */
    public int len;
    /** Operand size in bytes: 1, 2, 4 or 8. */
    public int osize;
    /** Operand-size mask ({@code -1L} for 8 bytes) and sign bit. */
    public long mask;
    public long sign;
    /** ModRM.reg with REX.R (register operand), or the register of a +r opcode. */
    public int reg;
    /** ModRM.rm with REX.B when mod == 3, else -1 (memory operand). */
    public int rm = -1;
    /** Memory operand: base register (-1 none, {@link #RIP}), index (-1 none), scale as a shift 0..3, disp. */
    public int base = -1;
    public int index = -1;
    public int scale;
    public long disp;
    /** Size of the displacement field in bytes (0, 1 or 4): objdump prints {@code 0x0(%rax)} for an explicit 0. */
    public int dispBytes;
    /** Segment override: -1 none (flat), 4 FS, 5 GS (the only ones with a base in 64-bit mode). */
    public int seg = -1;
    /** Address size is 32 bits (0x67 prefix). */
    public boolean a32;
    /** Immediate, sign- or zero-extended as the instruction defines; a second one for ENTER. */
    public long imm;
    public long imm2;
    /** 0 none, {@link #REP} (F3: REP/REPE), {@link #REPNE} (F2). */
    public int rep;
    public static final int REP = 1;
    public static final int REPNE = 2;
    public boolean lock;
    /** Prefix flags the disassembler needs: 0x66 seen, REX.W, any REX. */
    public boolean opsizePrefix;
    /**
     * The run loop's chain: the decoded instruction that ran after this one the last time ({@link #next}), at linear
     * address {@link #nextPc}, when both lie in the same code page. Valid while execution goes to the same address and
     * nothing changed mappings; dropped whenever the page's decoded code is invalidated.
     */
    Insn next;
    long nextPc;
    /**
     * How often the run loop interpreted this instruction; at {@link Cpu#blockThreshold} a trace starting here is
     * translated ({@link BlockCompiler}) into {@link #block}. Both are dropped with the page's decoded code.
     */
    int heat;
    CompiledBlock block;
    /** {@link Specializer} swapped {@link #reg} and {@link #rm} (an ALU G-form executed as E-form). */
    boolean swapped;
    public boolean rexW;
    public boolean rex;
    /** The opcode (one-byte, or 0x0F00 | second byte for the two-byte map) and ModRM byte, for messages. */
    public int opcode;
    public int modrm = -1;

    void reset() {
        op = 0;
        xop = 0;
        sub = 0;
        len = 0;
        osize = 4;
        mask = 0xFFFFFFFFL;
        sign = 0x80000000L;
        reg = 0;
        rm = -1;
        base = -1;
        index = -1;
        scale = 0;
        disp = 0;
        dispBytes = 0;
        seg = -1;
        a32 = false;
        imm = 0;
        imm2 = 0;
        rep = 0;
        lock = false;
        opsizePrefix = false;
        swapped = false;
        rexW = false;
        rex = false;
        opcode = 0;
        modrm = -1;
    }

    void setSize(int size) {
        osize = size;
        mask = size == 8 ? -1L : (1L << (size * 8)) - 1;
        sign = 1L << (size * 8 - 1);
    }

    public boolean isMemory() {
        return rm < 0;
    }
}
