package dev.memscope.emulator.kvm;

/** What the machine does after {@link KvmVcpu#handleExit}: the kernel's choices at the end of an exit handler. */
public enum ExitAction {
    /** Re-enter the guest (the instruction runs again, or the next one). */
    REENTER,
    /**
     * Emulate the faulting instruction ({@code x86_emulate_instruction}): the CPU re-executes it with
     * {@link KvmVcpu#emulatorMemory()} as its memory, then re-enters (or exits to userspace if that view asks).
     */
    EMULATE,
    /** Deliver the #PF of {@link KvmVcpu#pendingPageFaultCr2()} / {@link KvmVcpu#pendingPageFaultErrorCode()}. */
    INJECT_PAGE_FAULT,
    /** Return from KVM_RUN: {@link KvmVcpu#run()} says why. */
    USERSPACE
}
