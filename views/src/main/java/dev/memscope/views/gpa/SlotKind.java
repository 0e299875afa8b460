package dev.memscope.views.gpa;

/** What a memslot is, for colours and words; see {@link MemslotFlags#kind(int)}. */
public enum SlotKind {
    MEMORY("memory"),
    DIRTY_LOGGED("memory, dirty-logged"),
    READONLY("read-only (KVM_MEM_READONLY)"),
    GUEST_MEMFD("guest_memfd"),
    ALLONES("ALLONES (RFC): shared 0xff page"),
    PCI_HOLE("PCI_HOLE (v2): reads emulated");

    private final String words;

    SlotKind(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
