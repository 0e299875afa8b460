package dev.memscope.views.panekit;

import java.util.ArrayList;
import java.util.List;

/**
 * Memslot flags in words: the kernel's {@code KVM_MEM_LOG_DIRTY_PAGES} (bit 0), {@code KVM_MEM_READONLY} (bit 1),
 * {@code KVM_MEM_GUEST_MEMFD} (bit 2), internal {@code KVM_MEMSLOT_INVALID} (bit 16), and Memscope's own bits for the
 * two hole proposals, ALLONES (bit 8) and PCI_HOLE (bit 9), since bit 2 is taken (DOMAIN.md §1).
 */
public final class SlotFlags {
    public static final int LOG_DIRTY_PAGES = 1;
    public static final int READONLY = 1 << 1;
    public static final int GUEST_MEMFD = 1 << 2;
    public static final int ALLONES = 1 << 8;
    public static final int PCI_HOLE = 1 << 9;
    public static final int INVALID = 1 << 16;

    private SlotFlags() {
    }

    /** {@code READONLY|LOG_DIRTY_PAGES}, or {@code none}. */
    public static String describe(int flags) {
        List<String> out = new ArrayList<>();
        if ((flags & LOG_DIRTY_PAGES) != 0) {
            out.add("LOG_DIRTY_PAGES");
        }
        if ((flags & READONLY) != 0) {
            out.add("READONLY");
        }
        if ((flags & GUEST_MEMFD) != 0) {
            out.add("GUEST_MEMFD");
        }
        if ((flags & ALLONES) != 0) {
            out.add("ALLONES");
        }
        if ((flags & PCI_HOLE) != 0) {
            out.add("PCI_HOLE");
        }
        if ((flags & INVALID) != 0) {
            out.add("INVALID");
        }
        int known = LOG_DIRTY_PAGES | READONLY | GUEST_MEMFD | ALLONES | PCI_HOLE | INVALID;
        if ((flags & ~known) != 0) {
            out.add(String.format("0x%x", flags & ~known));
        }
        return out.isEmpty() ? "none" : String.join("|", out);
    }
}
