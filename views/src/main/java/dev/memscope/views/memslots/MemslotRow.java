package dev.memscope.views.memslots;

import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.views.gpa.MemslotFlags;
import dev.memscope.views.gpa.SlotKind;

/**
 * One row of the memslot table: the slot, and what the latest memslot change did to it (null: nothing). A deleted
 * slot keeps its row, marked, until the next change.
 */
public record MemslotRow(MemslotInfo slot, SlotChange change) {
    public SlotKey key() {
        return SlotKey.of(slot);
    }

    public SlotKind kind() {
        return MemslotFlags.kind(slot.flags());
    }

    public boolean deleted() {
        return change == SlotChange.DELETED;
    }

    public String flagsText() {
        return String.format("0x%x %s", slot.flags(), slot.flags() == 0 ? "" : MemslotFlags.describe(slot.flags()))
                .strip();
    }

    public String backingText() {
        return MemslotFlags.backing(slot.flags(), slot.userspaceAddr());
    }
}
