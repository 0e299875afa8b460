package dev.memscope.views.memslots;

/**
 * What happened to a memslot between two snapshots, in the words of {@code enum kvm_mr_change}
 * (include/linux/kvm_host.h) where the kernel has one.
 */
public enum SlotChange {
    /** KVM_MR_CREATE. */
    CREATED("created"),
    /** KVM_MR_DELETE. */
    DELETED("deleted"),
    /** KVM_MR_MOVE: a new base_gfn. */
    MOVED("moved"),
    /** KVM_MR_FLAGS_ONLY. */
    FLAGS("flags changed"),
    /** KVM_MEMSLOT_INVALID set: a DELETE or MOVE is under way. */
    INVALIDATED("invalid (being deleted or moved)"),
    /** npages or userspace_addr changed, which the kernel refuses: the model re-created the slot in one step. */
    REPLACED("replaced");

    private final String words;

    SlotChange(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
