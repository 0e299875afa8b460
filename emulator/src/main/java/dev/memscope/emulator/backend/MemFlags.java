package dev.memscope.emulator.backend;

/**
 * Memslot flags of {@code struct kvm_userspace_memory_region} (include/uapi/linux/kvm.h).
 *
 * <p>Both hole proposals used bit 2, which since Linux 6.8 is {@code KVM_MEM_GUEST_MEMFD}. Memscope therefore gives
 * its modelled hole flags their own bits, 8 and 9: well clear of the kernel's user flags (bits 0-2) and of its
 * internal flags (bit 16 and up, such as {@code KVM_MEMSLOT_INVALID}). The simulated backend accepts them; the real
 * backend never passes them to a kernel, and reports the variants as unsupported there.
 */
public final class MemFlags {
    public static final int LOG_DIRTY_PAGES = 1 << 0;
    public static final int READONLY = 1 << 1;
    public static final int GUEST_MEMFD = 1 << 2;
    /** Modelled {@code KVM_MEM_ALLONES} (RFC used bit 2). */
    public static final int ALLONES = 1 << 8;
    /** Modelled {@code KVM_MEM_PCI_HOLE} (v1/v2 used bit 2). */
    public static final int PCI_HOLE = 1 << 9;
    /** Kernel-internal: the slot is being deleted or moved ({@code KVM_MEMSLOT_INVALID}, bit 16). */
    public static final int INVALID = 1 << 16;

    private MemFlags() {
    }

    /** Flag names joined by {@code |}, such as {@code READONLY|LOG_DIRTY_PAGES}, or {@code 0}. */
    public static String describe(int flags) {
        StringBuilder sb = new StringBuilder();
        append(sb, flags, LOG_DIRTY_PAGES, "LOG_DIRTY_PAGES");
        append(sb, flags, READONLY, "READONLY");
        append(sb, flags, GUEST_MEMFD, "GUEST_MEMFD");
        append(sb, flags, ALLONES, "ALLONES");
        append(sb, flags, PCI_HOLE, "PCI_HOLE");
        append(sb, flags, INVALID, "INVALID");
        int known = LOG_DIRTY_PAGES | READONLY | GUEST_MEMFD | ALLONES | PCI_HOLE | INVALID;
        if ((flags & ~known) != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("0x").append(Integer.toHexString(flags & ~known));
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    private static void append(StringBuilder sb, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(name);
        }
    }
}
