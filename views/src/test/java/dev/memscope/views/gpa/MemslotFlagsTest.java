package dev.memscope.views.gpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemslotFlagsTest {
    @Test
    void flags_are_named_with_the_kernel_and_model_bits() {
        assertThat(MemslotFlags.describe(0)).isEqualTo("0");
        assertThat(MemslotFlags.describe(1 << 8)).isEqualTo("ALLONES");
        assertThat(MemslotFlags.describe(1 << 9 | 1 << 16)).isEqualTo("PCI_HOLE|INVALID");
        assertThat(MemslotFlags.describe(3)).isEqualTo("LOG_DIRTY_PAGES|READONLY");
        assertThat(MemslotFlags.describe(4 | 1 << 20)).isEqualTo("GUEST_MEMFD|0x100000");
    }

    @Test
    void the_kind_follows_the_most_telling_flag() {
        assertThat(MemslotFlags.kind(0)).isEqualTo(SlotKind.MEMORY);
        assertThat(MemslotFlags.kind(1)).isEqualTo(SlotKind.DIRTY_LOGGED);
        assertThat(MemslotFlags.kind(2)).isEqualTo(SlotKind.READONLY);
        assertThat(MemslotFlags.kind(1 << 8)).isEqualTo(SlotKind.ALLONES);
        assertThat(MemslotFlags.kind(1 << 9 | 1 << 16)).isEqualTo(SlotKind.PCI_HOLE);
    }

    @Test
    void slots_without_userspace_memory_say_what_serves_them() {
        assertThat(MemslotFlags.backing(1 << 8, 0)).contains("0xff page");
        assertThat(MemslotFlags.backing(1 << 9, 0)).contains("emulated");
        assertThat(MemslotFlags.backing(0, 0x7f00_0000_0000L)).isEqualTo("0x7f0000000000");
    }

    @Test
    void sizes_read_like_people_write_them() {
        assertThat(Sizes.of(64L << 20)).isEqualTo("64 MiB");
        assertThat(Sizes.of(4096)).isEqualTo("4 KiB");
        assertThat(Sizes.of(65279L << 12)).isEqualTo("254.99 MiB");
        assertThat(Sizes.of(0)).isEqualTo("0 B");
    }
}
