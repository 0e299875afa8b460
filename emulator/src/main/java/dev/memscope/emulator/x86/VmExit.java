package dev.memscope.emulator.x86;

/**
 * Why the CPU stopped running guest code, and the details. One instance per vCPU, reused: filled in by whoever
 * decides an exit is needed, read by the KVM model's exit handlers. Reasons mirror the VMX basic exit reasons where
 * there is one (Intel SDM Vol. 3 Appendix C); the rest are Memscope's own and say so.
 */
public final class VmExit {
    // VMX basic exit reasons.
    public static final int EXCEPTION_NMI = 0;
    public static final int TRIPLE_FAULT = 2;
    public static final int CPUID = 10;
    public static final int HLT = 12;
    public static final int INVLPG = 14;
    public static final int CR_ACCESS = 28;
    public static final int IO_INSTRUCTION = 30;
    public static final int MSR_READ = 31;
    public static final int MSR_WRITE = 32;
    public static final int EPT_VIOLATION = 48;
    public static final int EPT_MISCONFIG = 49;

    // Memscope's own reasons (no VMX equivalent).
    /** No exit is pending. */
    public static final int NONE = -1;
    /** The instruction budget of this run was used up (not an exit; the caller asked for at most N instructions). */
    public static final int BUDGET = -2;
    /** An MMIO access that the hardware-less memory ({@link PlainRam}) or the KVM emulator cannot complete. */
    public static final int MMIO = -3;
    /** A debugger stop requested by a hook (breakpoint, single step); the instruction has not started. */
    public static final int DEBUG_STOP = -4;
    /** The CPU cannot go on: an unimplemented instruction with no guest handler, or an internal limit. */
    public static final int INTERNAL_ERROR = -5;

    public int reason = NONE;
    /** Guest-physical address (EPT violation and misconfiguration, MMIO). */
    public long gpa;
    /** Guest-linear address, or -1 (EPT violation, #PF intercept: CR2). */
    public long gla = -1;
    /** EPT violation: the exit qualification (bit 0 read, 1 write, 2 fetch, 3-5 entry R/W/X, 7 gla valid, 8 final). */
    public long qualification;
    /** Exception vector (EXCEPTION_NMI) and its error code. */
    public int vector;
    public long errorCode;
    /** Port I/O: port, size in bytes, direction, value for OUT. MMIO: size, direction, value for a write. */
    public int port;
    public int size;
    public boolean isWrite;
    public long value;
    /** RIP of the instruction that caused the exit, and of the one after it (for exits that complete it). */
    public long rip;
    public long nextRip;
    /** Human-readable detail for TRIPLE_FAULT and INTERNAL_ERROR, naming the RIP and instruction bytes. */
    public String message;

    public void clear() {
        reason = NONE;
        gpa = 0;
        gla = -1;
        qualification = 0;
        vector = 0;
        errorCode = 0;
        port = 0;
        size = 0;
        isWrite = false;
        value = 0;
        rip = 0;
        nextRip = 0;
        message = null;
    }

    public boolean pending() {
        return reason != NONE;
    }

    public static String reasonName(int reason) {
        return switch (reason) {
            case EXCEPTION_NMI -> "EXCEPTION_NMI";
            case TRIPLE_FAULT -> "TRIPLE_FAULT";
            case CPUID -> "CPUID";
            case HLT -> "HLT";
            case INVLPG -> "INVLPG";
            case CR_ACCESS -> "CR_ACCESS";
            case IO_INSTRUCTION -> "IO_INSTRUCTION";
            case MSR_READ -> "MSR_READ";
            case MSR_WRITE -> "MSR_WRITE";
            case EPT_VIOLATION -> "EPT_VIOLATION";
            case EPT_MISCONFIG -> "EPT_MISCONFIG";
            case NONE -> "NONE";
            case BUDGET -> "BUDGET";
            case MMIO -> "MMIO";
            case DEBUG_STOP -> "DEBUG_STOP";
            case INTERNAL_ERROR -> "INTERNAL_ERROR";
            default -> "EXIT(" + reason + ")";
        };
    }
}
