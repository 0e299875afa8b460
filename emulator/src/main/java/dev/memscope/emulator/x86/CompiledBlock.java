package dev.memscope.emulator.x86;

/**
 * A trace of decoded guest code translated to JVM bytecode by {@link BlockCompiler}: {@link #run} executes it from its
 * first instruction, at linear address {@code pc0}, with the same effect, instruction by instruction, as the run
 * loop would have had, and leaves {@code rip} and {@code icount} where the loop would have left them.
 *
 * <p>Generated subclasses are hidden classes in this package; a block holds no guest state, only the decoded
 * instructions it calls the general executor for, so one block serves every linear address its page is mapped at.
 */
abstract class CompiledBlock {
    /** Instructions in the trace: no pass from its head to an exit or back to its head runs more. */
    final int maxLen;
    /** The decoded instructions the block executes through {@link Exec#execute}, by trace index. */
    final Insn[] insns;

    protected CompiledBlock(int maxLen, Insn[] insns) {
        this.maxLen = maxLen;
        this.insns = insns;
    }

    /**
     * Runs the trace at {@code pc0}. The caller has checked that {@code maxLen} more instructions fit the run's
     * budget. Returns normally at an exit of the trace (RIP and the instruction count updated); a fault or an exit
     * that abandons an instruction propagates as {@link CpuAbort} with {@code curRip} at that instruction and the
     * instruction count covering those before it, exactly as in the run loop.
     */
    abstract void run(Cpu c, long pc0);
}
