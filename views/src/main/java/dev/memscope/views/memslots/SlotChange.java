package dev.memscope.views.memslots;

/**
 * What happened to a memslot between two snapshots, in the words of {@code enum kvm_mr_change}
 * (include/linux/kvm_host.h) where the kernel has one.
 */
public enum SlotChange {
    /** KVM_MR_CREATE. */
    CREATED("created", "created"),
    /** KVM_MR_DELETE. */
    DELETED("deleted", "deleted"),
    /** KVM_MR_MOVE: a new base_gfn. */
    MOVED("moved", "moved"),
    /** KVM_MR_FLAGS_ONLY. */
    FLAGS("flags changed", "flags"),
    /** KVM_MEMSLOT_INVALID set: a DELETE or MOVE is under way. */
    INVALIDATED("invalid (being deleted or moved)", "invalid"),
    /** npages or userspace_addr changed, which the kernel refuses: the model re-created the slot in one step. */
    REPLACED("replaced", "replaced");

    private final String words;
    private final String shortWords;

    SlotChange(String words, String shortWords) {
        this.words = words;
        this.shortWords = shortWords;
    }

    /** One word for the table's change column. */
    public String shortWords() {
        return shortWords;
    }

    public String words() {
        return words;
    }
}
