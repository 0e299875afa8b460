package dev.memscope.emulator.backend;

/**
 * Capability numbers for {@code KVM_CHECK_EXTENSION} (include/uapi/linux/kvm.h), plus the two that only the seed
 * proposals defined. Those two were never merged: a real kernel answers 0 for them (or, worse, reuses the number for
 * something else, so the real backend never asks the kernel about them).
 */
public final class KvmCap {
    public static final int NR_VCPUS = 9;
    public static final int NR_MEMSLOTS = 10;
    public static final int SYNC_MMU = 16;
    public static final int USER_MEMORY = 3;
    public static final int MAX_VCPUS = 66;
    public static final int READONLY_MEM = 81;
    public static final int MULTI_ADDRESS_SPACE = 118;
    public static final int PRE_FAULT_MEMORY = 236;
    /** RFC "KVM: x86: allow KVM_MEM_ALLONES memory" (May 2020); never merged. */
    public static final int ALLONES_MEM = 183;
    /** "KVM: x86: introduce KVM_MEM_PCI_HOLE memory" v2 (Aug 2020); never merged. */
    public static final int PCI_HOLE_MEM = 187;

    private KvmCap() {
    }

    public static String name(int cap) {
        return switch (cap) {
            case NR_VCPUS -> "KVM_CAP_NR_VCPUS";
            case NR_MEMSLOTS -> "KVM_CAP_NR_MEMSLOTS";
            case SYNC_MMU -> "KVM_CAP_SYNC_MMU";
            case USER_MEMORY -> "KVM_CAP_USER_MEMORY";
            case MAX_VCPUS -> "KVM_CAP_MAX_VCPUS";
            case READONLY_MEM -> "KVM_CAP_READONLY_MEM";
            case MULTI_ADDRESS_SPACE -> "KVM_CAP_MULTI_ADDRESS_SPACE";
            case PRE_FAULT_MEMORY -> "KVM_CAP_PRE_FAULT_MEMORY";
            case ALLONES_MEM -> "KVM_CAP_ALLONES_MEM (RFC, not merged)";
            case PCI_HOLE_MEM -> "KVM_CAP_PCI_HOLE_MEM (v2, not merged)";
            default -> "KVM_CAP(" + cap + ")";
        };
    }
}
