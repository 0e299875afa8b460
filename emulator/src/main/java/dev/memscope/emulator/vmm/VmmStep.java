package dev.memscope.emulator.vmm;

/**
 * What one {@code KVM_RUN} and the VMM's handling of its exit came to.
 *
 * @param kvmExitReason the {@code kvm_run.exit_reason} of this exit
 * @param value the exit code (EXITED), the sync value (SYNC), the gpa (MMIO), else 0
 * @param detail a readable line: what the exit was and what the VMM did
 */
public record VmmStep(Kind kind, int kvmExitReason, long value, String detail) {
    public enum Kind {
        /** The exit was handled; the guest can go on. */
        CONTINUE,
        /** KVM_RUN returned without a guest exit: the instruction budget ran out, or a stop was requested. */
        INTERRUPTED,
        /** The guest wrote a sync value to port 0xF5. */
        SYNC,
        /** The guest wrote its exit code to port 0xF4: the run is over. */
        EXITED,
        /** The run cannot go on: triple fault, HLT without an exit code, internal error. */
        FAILED,
        /** The simulated backend stopped for the debugger. */
        DEBUG
    }

    public boolean finished() {
        return kind == Kind.EXITED || kind == Kind.FAILED;
    }
}
