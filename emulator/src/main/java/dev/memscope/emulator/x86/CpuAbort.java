package dev.memscope.emulator.x86;

/**
 * Abandons the current instruction: a guest exception was raised (details in the CPU's pending-exception fields)
 * or a VM exit is needed (details in its {@link VmExit}). One preallocated, stackless instance: these events are
 * rare (page faults the guest takes, exits), while TLB misses and MMIO completions never use it.
 * See docs/decisions/0011-emulator-instruction-abort.md.
 */
final class CpuAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final CpuAbort INSTANCE = new CpuAbort();

    private CpuAbort() {
        super("instruction aborted", null, false, false);
    }
}
