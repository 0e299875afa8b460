package dev.memscope.views.memslots;

import dev.memscope.emulator.api.MemslotInfo;

/** A memslot's identity: {@code kvm_userspace_memory_region.slot} is {@code as_id << 16 | id}. */
public record SlotKey(int asId, int id) {
    public static SlotKey of(MemslotInfo s) {
        return new SlotKey(s.asId(), s.id());
    }

    @Override
    public String toString() {
        return asId == 0 ? "slot " + id : "slot " + id + " (as " + asId + ")";
    }
}
