package dev.memscope.emulator.kvm.conformance;

import dev.memscope.emulator.backend.MemoryBacking;

/**
 * One {@code KVM_SET_USER_MEMORY_REGION} call as data. {@code uaddr} is either literal or "a fresh mapping of
 * {@code mmapBytes}" (plus {@code uaddrOffset}), so the same row works on any target.
 */
public record Region(int slot, int flags, long gpa, long size, long mmapBytes, MemoryBacking backing,
        long uaddrOffset, long literalUaddr) {

    /** A region backed by a fresh anonymous mapping of its own size. */
    public static Region mapped(int slot, int flags, long gpa, long size) {
        return new Region(slot, flags, gpa, size, Math.max(size, 4096), MemoryBacking.ANONYMOUS, 0, 0);
    }

    public static Region mapped(int slot, int flags, long gpa, long size, MemoryBacking backing) {
        return new Region(slot, flags, gpa, size, size, backing, 0, 0);
    }

    /** A region with a literal userspace address (0 for the hole flags, odd values for the checks). */
    public static Region literal(int slot, int flags, long gpa, long size, long uaddr) {
        return new Region(slot, flags, gpa, size, 0, null, 0, uaddr);
    }

    /** The same slot again with other fields: reuses the HVA the first call mapped ({@code reuse}). */
    public Region with(int newFlags, long newGpa, long newSize) {
        return new Region(slot, newFlags, newGpa, newSize, -1, backing, uaddrOffset, literalUaddr);
    }

    public Region withUaddrOffset(long off) {
        return new Region(slot, flags, gpa, size, -1, backing, off, literalUaddr);
    }

    /** Runs the call; {@code lastHva} carries the HVA of the slot's first mapping for {@link #with}. */
    int apply(RegionTarget t, long[] lastHva) {
        long uaddr;
        if (mmapBytes > 0) {
            lastHva[0] = t.mmap(mmapBytes, backing);
            uaddr = lastHva[0] + uaddrOffset;
        } else if (mmapBytes < 0) {
            uaddr = lastHva[0] + uaddrOffset;
        } else {
            uaddr = literalUaddr;
        }
        return t.setUserMemoryRegion(slot, flags, gpa, size, uaddr);
    }
}
