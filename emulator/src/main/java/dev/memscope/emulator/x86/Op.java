package dev.memscope.emulator.x86;

/** Operation numbers of decoded instructions ({@link Insn#op}); the executor switches on them. */
public final class Op {
    private Op() {
    }

    // Invalid or unsupported.
    public static final int UD = 0;            // #UD (ud2, invalid in 64-bit mode, unimplemented)
    public static final int SSE = 1;           // SSE/MMX/x87/AVX: stop with a message naming it
    // Data movement.
    public static final int MOV_EG = 2;        // E <- G
    public static final int MOV_GE = 3;        // G <- E
    public static final int MOV_EI = 4;        // E <- imm
    public static final int LEA = 5;
    public static final int MOVZX = 6;         // sub = source size
    public static final int MOVSX = 7;         // sub = source size (MOVSXD: 4)
    public static final int XCHG = 8;          // E <-> G
    public static final int MOV_MOFFS_LOAD = 9;
    public static final int MOV_MOFFS_STORE = 10;
    public static final int CMOV = 11;         // sub = condition
    public static final int SETCC = 12;        // sub = condition
    public static final int BSWAP = 13;
    public static final int XLAT = 14;
    // Arithmetic and logic. sub = ALU kind (ADD OR ADC SBB AND SUB XOR CMP).
    public static final int ALU_EG = 20;
    public static final int ALU_GE = 21;
    public static final int ALU_EI = 22;
    public static final int TEST_EG = 23;
    public static final int TEST_EI = 24;
    public static final int INC = 25;
    public static final int DEC = 26;
    public static final int NOT = 27;
    public static final int NEG = 28;
    public static final int MUL = 29;          // one-operand MUL
    public static final int IMUL1 = 30;        // one-operand IMUL
    public static final int IMUL2 = 31;        // G <- G * E
    public static final int IMUL3 = 32;        // G <- E * imm
    public static final int DIV = 33;
    public static final int IDIV = 34;
    public static final int CBW = 35;          // cbw/cwde/cdqe
    public static final int CWD = 36;          // cwd/cdq/cqo
    public static final int CMPXCHG = 37;
    public static final int CMPXCHG16B = 38;   // and cmpxchg8b (osize 4)
    public static final int XADD = 39;
    // Shifts and rotates. sub = ROL ROR RCL RCR SHL SHR SAL SAR; count from 1, CL or imm.
    public static final int SHIFT_1 = 40;
    public static final int SHIFT_CL = 41;
    public static final int SHIFT_I = 42;
    public static final int SHLD_I = 43;
    public static final int SHLD_CL = 44;
    public static final int SHRD_I = 45;
    public static final int SHRD_CL = 46;
    // Bits. sub = BT BTS BTR BTC.
    public static final int BT_G = 50;
    public static final int BT_I = 51;
    public static final int BSF = 52;
    public static final int BSR = 53;
    public static final int TZCNT = 54;
    public static final int LZCNT = 55;
    public static final int POPCNT = 56;
    // Stack and control flow.
    public static final int PUSH_R = 60;       // reg
    public static final int POP_R = 61;
    public static final int PUSH_I = 62;
    public static final int PUSH_E = 63;
    public static final int POP_E = 64;
    public static final int JCC = 65;          // sub = condition, imm = rel
    public static final int JMP_REL = 66;
    public static final int CALL_REL = 67;
    public static final int JMP_E = 68;
    public static final int CALL_E = 69;
    public static final int RET = 70;          // imm = bytes to release
    public static final int LEAVE = 71;
    public static final int ENTER = 72;
    public static final int LOOP = 73;         // sub: 0 loopne, 1 loope, 2 loop, 3 jrcxz
    public static final int PUSHF = 74;
    public static final int POPF = 75;
    public static final int SAHF = 76;
    public static final int LAHF = 77;
    public static final int PUSH_SREG = 78;    // reg = segment (FS, GS)
    public static final int POP_SREG = 79;
    // Strings. rep in Insn.rep.
    public static final int MOVS = 80;
    public static final int CMPS = 81;
    public static final int STOS = 82;
    public static final int LODS = 83;
    public static final int SCAS = 84;
    // Flags and misc.
    public static final int CMC = 90;
    public static final int CLC = 91;
    public static final int STC = 92;
    public static final int CLI = 93;
    public static final int STI = 94;
    public static final int CLD = 95;
    public static final int STD = 96;
    public static final int NOP = 97;          // nop, pause, fences, hint nops, prefetch, clflush, wbinvd
    public static final int HLT = 98;
    public static final int CPUID = 99;
    public static final int RDTSC = 100;
    public static final int RDTSCP = 101;
    public static final int RDMSR = 102;
    public static final int WRMSR = 103;
    // Interrupts.
    public static final int INT3 = 110;
    public static final int INTN = 111;
    public static final int INT1 = 112;
    public static final int IRET = 113;
    // Port I/O.
    public static final int IN_I = 120;
    public static final int IN_DX = 121;
    public static final int OUT_I = 122;
    public static final int OUT_DX = 123;
    // System.
    public static final int MOV_FROM_CR = 130; // reg = CR number, rm = GPR
    public static final int MOV_TO_CR = 131;
    public static final int MOV_FROM_DR = 132;
    public static final int MOV_TO_DR = 133;
    public static final int LGDT = 134;
    public static final int LIDT = 135;
    public static final int SGDT = 136;
    public static final int SIDT = 137;
    public static final int LTR = 138;
    public static final int STR = 139;
    public static final int LLDT = 140;
    public static final int SLDT = 141;
    public static final int INVLPG = 142;
    public static final int SWAPGS = 143;
    public static final int MOV_TO_SREG = 144;
    public static final int MOV_FROM_SREG = 145;
    public static final int CLTS = 146;
    public static final int SMSW = 147;
    public static final int LMSW = 148;
    public static final int COUNT = 150;

    // ALU kinds (the /digit of opcodes 80-83 and the row of 00-3D).
    public static final int ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7;
    // Shift kinds (the /digit of C0, C1, D0-D3).
    public static final int ROL = 0, ROR = 1, RCL = 2, RCR = 3, SHL = 4, SHR = 5, SAL = 6, SAR = 7;
    // Bit-test kinds (0F BA /4../7).
    public static final int BT = 0, BTS = 1, BTR = 2, BTC = 3;
}
