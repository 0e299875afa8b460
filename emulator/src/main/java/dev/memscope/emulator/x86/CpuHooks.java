package dev.memscope.emulator.x86;

/**
 * Callbacks into the machine (Ghidra-style: an interface of no-op defaults, so breakpoints, stepping and tracing
 * compose). Unused hooks cost nothing: the CPU reads {@link #wantsInstructions} and {@link #wantsMemoryAccesses}
 * when hooks are set (and on {@link Cpu#hooksChanged}), not per instruction. A hook runs on the machine thread and
 * may block it (the debugger is stopped) for as long as it likes.
 */
public interface CpuHooks {
    CpuHooks NONE = new CpuHooks() {
    };

    /** Whether {@link #beforeInstruction} should be called. */
    default boolean wantsInstructions() {
        return false;
    }

    /**
     * Before the instruction at {@code rip} starts. Return true to end the run with {@link VmExit#DEBUG_STOP}
     * before it starts; the next run resumes at the same instruction without asking this hook again for it.
     */
    default boolean beforeInstruction(Cpu cpu, long rip) {
        return false;
    }

    /** Whether {@link #memoryAccess} should be called; while true every data access takes the slow path. */
    default boolean wantsMemoryAccesses() {
        return false;
    }

    /**
     * A data access of the running instruction, after translation: {@code gva} (linear), {@code gpa}, size in bytes,
     * kind ({@link Access#READ} or {@link Access#WRITE}) and the value read or about to be written. Page-walk accesses
     * and instruction fetches are not reported here. A page-crossing access is reported as its two parts.
     */
    default void memoryAccess(Cpu cpu, long gva, long gpa, int size, int access, long value) {
    }
}
