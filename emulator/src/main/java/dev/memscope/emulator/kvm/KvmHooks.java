package dev.memscope.emulator.kvm;

/**
 * Observation points for the session layer (stepping, breakpoints), with no-op defaults so that hooks compose. Hooks
 * run on the machine thread, in the middle of the model's work: they may look, and may raise faults on a vCPU (tests
 * do, to see an INVALID slot), but must not change memslots from inside {@link #memslotInvalidated}.
 */
public interface KvmHooks {
    KvmHooks NONE = new KvmHooks() {
    };

    /** A fault is about to run its first phase (its inputs are set; nothing has been decided yet). */
    default void beforeFault(KvmPageFault fault) {
    }

    /**
     * An SPTE changed, through the one SPTE door ({@link KvmMmu#mmuSpteSet}), after the change and its event. The
     * hook may block (a debugger stop) but must not change the MMU.
     */
    default void spteChanged(int asId, long gfn, int level, long oldSpte, long newSpte) {
    }

    /**
     * The instruction emulator served an access that no RAM backs: in the kernel ({@code inKernel}: PCI_HOLE reads)
     * or by an exit to userspace (then the VMM sees it too).
     */
    default void holeAccess(long gpa, int size, boolean write, boolean inKernel) {
    }

    /** A fault finished one phase ({@code fault.phase()} is the next one, or DONE). */
    default void afterPhase(KvmPageFault fault) {
    }

    /**
     * A DELETE or MOVE has made the old slot INVALID and published it ({@code kvm_invalidate_memslot}), before its
     * SPTEs are zapped: a fault on it now returns RETRY, a pre-fault -EAGAIN.
     */
    default void memslotInvalidated(Kvm kvm, Memslot invalidSlot) {
    }

    /**
     * A new memslot set is published but its generation still has the in-progress bit (bit 63): MMIO SPTEs made now
     * would be stale at once, and {@code check_mmio_spte} fails.
     */
    default void memslotsUpdating(Kvm kvm, int asId) {
    }

    /** A memslot change was committed (the generation has been bumped). */
    default void memslotCommitted(Kvm kvm, MemslotChange change, Memslot oldSlot, Memslot newSlot) {
    }
}
