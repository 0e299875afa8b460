package dev.memscope.emulator.backend;

/** {@code struct kvm_segment}. */
public record KvmSegment(long base, int limit, int selector, int type, boolean present, int dpl, boolean db,
        boolean s, boolean l, boolean g, boolean avl, boolean unusable) {

    /** A flat 64-bit code segment (L=1), as the guest ABI enters. */
    public static KvmSegment flatCode64(int selector) {
        return new KvmSegment(0, 0xFFFFFFFF, selector, 0xB, true, 0, false, true, true, true, false, false);
    }

    /** A flat read/write data segment. */
    public static KvmSegment flatData(int selector) {
        return new KvmSegment(0, 0xFFFFFFFF, selector, 0x3, true, 0, true, true, false, true, false, false);
    }

    /** A 64-bit TSS (type 11, busy), which KVM_SET_SREGS needs for a valid long-mode state. */
    public static KvmSegment tss64(int selector, long base) {
        return new KvmSegment(base, 0x67, selector, 0xB, true, 0, false, false, false, false, false, false);
    }
}
