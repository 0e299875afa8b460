package dev.memscope.views.memslots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.MemslotInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemslotDiffTest {
    private static final MemslotInfo RAM = new MemslotInfo(0, 0, 0, 16384, 0, 0x7f00_0000_0000L, 2, 0);
    private static final MemslotInfo HOLE = new MemslotInfo(0, 1, 0xB0001, 7, 1 << 8, 0, 4, 0);

    @Test
    void nothing_changed_is_no_change() {
        assertThat(MemslotDiff.between(List.of(RAM, HOLE), List.of(RAM, HOLE), new HashMap<>())).isEmpty();
    }

    @Test
    void names_each_change_as_kvm_mr_change_does() {
        MemslotInfo moved = new MemslotInfo(0, 1, 0xB0009, 7, 1 << 8, 0, 6, 0);
        MemslotInfo dirtyLogged = new MemslotInfo(0, 0, 0, 16384, 1, 0x7f00_0000_0000L, 6, 0);
        MemslotInfo created = new MemslotInfo(0, 9, 0x20000, 16, 0, 0x7f10_0000_0000L, 6, 0);
        Map<SlotKey, MemslotInfo> deleted = new HashMap<>();
        assertThat(MemslotDiff.between(List.of(RAM, HOLE), List.of(dirtyLogged, moved, created), deleted))
                .containsEntry(new SlotKey(0, 0), SlotChange.FLAGS)
                .containsEntry(new SlotKey(0, 1), SlotChange.MOVED)
                .containsEntry(new SlotKey(0, 9), SlotChange.CREATED).hasSize(3);
        assertThat(deleted).isEmpty();
    }

    @Test
    void a_deleted_slot_is_remembered_and_invalid_is_its_own_change() {
        MemslotInfo invalid = new MemslotInfo(0, 1, 0xB0001, 7, 1 << 8 | 1 << 16, 0, 5, 0);
        Map<SlotKey, MemslotInfo> deleted = new HashMap<>();
        assertThat(MemslotDiff.between(List.of(RAM, HOLE), List.of(RAM, invalid), deleted))
                .containsExactly(Map.entry(new SlotKey(0, 1), SlotChange.INVALIDATED));
        assertThat(MemslotDiff.between(List.of(RAM, invalid), List.of(RAM), deleted))
                .containsExactly(Map.entry(new SlotKey(0, 1), SlotChange.DELETED));
        assertThat(deleted).containsEntry(new SlotKey(0, 1), invalid);
    }
}
