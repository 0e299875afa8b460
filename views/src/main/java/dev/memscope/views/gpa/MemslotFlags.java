package dev.memscope.views.gpa;

import java.util.StringJoiner;

/**
 * Memslot flags as the views decode them: the kernel's user flags (include/uapi/linux/kvm.h), Memscope's modelled
 * hole flags on bits 8 and 9 (both proposals used bit 2, now {@code KVM_MEM_GUEST_MEMFD}), and the kernel-internal
 * {@code KVM_MEMSLOT_INVALID} (bit 16).
 */
public final class MemslotFlags {
    public static final int LOG_DIRTY_PAGES = 1;
    public static final int READONLY = 1 << 1;
    public static final int GUEST_MEMFD = 1 << 2;
    public static final int ALLONES = 1 << 8;
    public static final int PCI_HOLE = 1 << 9;
    public static final int INVALID = 1 << 16;

    private static final int[] BITS = {LOG_DIRTY_PAGES, READONLY, GUEST_MEMFD, ALLONES, PCI_HOLE, INVALID};
    private static final String[] NAMES = {"LOG_DIRTY_PAGES", "READONLY", "GUEST_MEMFD", "ALLONES", "PCI_HOLE",
            "INVALID"};

    private MemslotFlags() {
    }

    /** {@code READONLY|LOG_DIRTY_PAGES}, unknown bits in hex, or {@code 0}. */
    public static String describe(int flags) {
        StringJoiner names = new StringJoiner("|");
        int known = 0;
        for (int i = 0; i < BITS.length; i++) {
            known |= BITS[i];
            if ((flags & BITS[i]) != 0) {
                names.add(NAMES[i]);
            }
        }
        if ((flags & ~known) != 0) {
            names.add("0x" + Integer.toHexString(flags & ~known));
        }
        return flags == 0 ? "0" : names.toString();
    }

    /** What kind of memory the slot is, by its most telling flag. */
    public static SlotKind kind(int flags) {
        if ((flags & ALLONES) != 0) {
            return SlotKind.ALLONES;
        }
        if ((flags & PCI_HOLE) != 0) {
            return SlotKind.PCI_HOLE;
        }
        if ((flags & READONLY) != 0) {
            return SlotKind.READONLY;
        }
        if ((flags & GUEST_MEMFD) != 0) {
            return SlotKind.GUEST_MEMFD;
        }
        if ((flags & LOG_DIRTY_PAGES) != 0) {
            return SlotKind.DIRTY_LOGGED;
        }
        return SlotKind.MEMORY;
    }

    public static boolean isInvalid(int flags) {
        return (flags & INVALID) != 0;
    }

    /**
     * What backs the slot's pages, in words: ALLONES and PCI_HOLE slots have userspace_addr 0 (the proposals required
     * it); every other slot is backed by the VMM's mapping at userspace_addr.
     */
    public static String backing(int flags, long userspaceAddr) {
        return switch (kind(flags)) {
            case ALLONES -> "0: the kernel's 0xff page";
            case PCI_HOLE -> "0: reads emulated as 0xff";
            case READONLY -> String.format("0x%x, read-only", userspaceAddr);
            default -> String.format("0x%x", userspaceAddr);
        };
    }
}
