package dev.memscope.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.SpteBits.Format;
import org.junit.jupiter.api.Test;

/** SPTEs built by hand from the bit table of DOMAIN.md §2 (arch/x86/kvm/mmu/spte.h), then decoded. */
class SpteBitsTest {
    @Test
    void decodes_an_ept_leaf() {
        long spte = 0x1234L << 12 | 0b111 | 6L << 3 | 1L << 6 | 1L << 8 | 1L << 9 | 1L << 57 | 1L << 58 | 1L << 11;
        assertThat(SpteBits.isShadowPresent(spte)).isTrue();
        assertThat(SpteBits.isMmio(Format.EPT, spte)).isFalse();
        assertThat(SpteBits.pfn(spte)).isEqualTo(0x1234L);
        assertThat(SpteBits.memoryType(Format.EPT, spte)).isEqualTo(6);
        assertThat(SpteBits.describe(Format.EPT, spte, 1)).isEqualTo("R W X A D HW MW WB pfn 0x1234");
    }

    @Test
    void decodes_an_ept_mmio_spte_with_its_split_generation() {
        long gen = 0x5A5A5L; // 19 bits: low 8 at 3-10, high 11 at 52-62
        long spte = 6L | (gen & 0xFF) << 3 | (gen >>> 8) << 52 | 0xB0008L << 12;
        assertThat(SpteBits.isMmio(Format.EPT, spte)).isTrue();
        assertThat(SpteBits.isShadowPresent(spte)).isFalse();
        assertThat(SpteBits.mmioGeneration(spte)).isEqualTo(gen);
        assertThat(SpteBits.mmioGfn(spte)).isEqualTo(0xB0008L);
        assertThat(SpteBits.describe(Format.EPT, spte, 1)).isEqualTo("MMIO gfn 0xb0008 gen " + gen);
    }

    @Test
    void decodes_a_legacy_read_only_supervisor_nx_huge_leaf() {
        long spte = 0x200L << 12 | 1 | 1L << 7 | 1L << 5 | 1L << 63 | 1L << 11;
        assertThat(SpteBits.writable(Format.PT, spte)).isFalse();
        assertThat(SpteBits.executable(Format.PT, spte)).isFalse();
        assertThat(SpteBits.isLast(spte, 2)).isTrue();
        assertThat(SpteBits.describe(Format.PT, spte, 2)).isEqualTo("R - - S A 2M pfn 0x200");
    }

    @Test
    void a_legacy_mmio_spte_is_the_reserved_bit_with_present_but_not_shadow_present() {
        long spte = 1L << 51 | 1 | 0x1234L << 12;
        assertThat(SpteBits.isMmio(Format.PT, spte)).isTrue();
        assertThat(SpteBits.isMmio(Format.PT, spte | SpteBits.MMU_PRESENT)).isFalse();
        assertThat(SpteBits.mmioGfn(spte)).isEqualTo(0x1234L);
    }
}
