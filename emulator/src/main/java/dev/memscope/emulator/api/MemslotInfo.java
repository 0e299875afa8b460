package dev.memscope.emulator.api;

/**
 * One memslot as a view shows it ({@code struct kvm_memory_slot}, include/linux/kvm_host.h).
 *
 * @param flags user flags plus the internal {@code KVM_MEMSLOT_INVALID} (bit 16) while a DELETE or MOVE runs
 * @param dirtyPages pages marked in the dirty bitmap now (0 without dirty logging)
 */
public record MemslotInfo(int asId, int id, long baseGfn, long npages, int flags, long userspaceAddr,
        long generation, long dirtyPages) {

    public long gpaStart() {
        return baseGfn << 12;
    }

    public long gpaEnd() {
        return (baseGfn + npages) << 12;
    }
}
