package dev.memscope.emulator.backend;

/**
 * {@code struct kvm_pre_fault_memory { __u64 gpa; __u64 size; __u64 flags; __u64 padding[5]; }}: {@code gpa} and
 * {@code size} are in/out (Documentation/virt/kvm/api.rst 4.143). Mutable, as the ioctl writes the remaining range
 * back into it.
 */
public final class KvmPreFaultMemory {
    public long gpa;
    public long size;
    public long flags;
    public final long[] padding = new long[5];

    public KvmPreFaultMemory(long gpa, long size) {
        this.gpa = gpa;
        this.size = size;
    }

    public KvmPreFaultMemory copy() {
        KvmPreFaultMemory c = new KvmPreFaultMemory(gpa, size);
        c.flags = flags;
        System.arraycopy(padding, 0, c.padding, 0, padding.length);
        return c;
    }

    @Override
    public String toString() {
        return String.format("{gpa=0x%x, size=0x%x, flags=0x%x}", gpa, size, flags);
    }
}
