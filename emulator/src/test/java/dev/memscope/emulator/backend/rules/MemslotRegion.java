package dev.memscope.emulator.backend.rules;

import dev.memscope.emulator.backend.MemFlags;

/** The arguments of one {@code KVM_SET_USER_MEMORY_REGION}: {@code slot} is {@code as_id << 16 | id}. */
public record MemslotRegion(int slot, int flags, long gpa, long size, Hva hva) {
    public static MemslotRegion region(int slot, int flags, long gpa, long size, Hva hva) {
        return new MemslotRegion(slot, flags, gpa, size, hva);
    }

    @Override
    public String toString() {
        return String.format("{slot=%d/%d, flags=%s, gpa=0x%x, size=0x%x, hva=%s}", slot >>> 16, slot & 0xFFFF,
                MemFlags.describe(flags), gpa, size, hva);
    }
}
