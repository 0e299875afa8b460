package dev.memscope.views.guestpt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PteTest {
    @Test
    void an_ecam_pde_is_a_2m_uncached_never_executable_page() {
        long pde = 0xB0000000L | 1 | 2 | 8 | 16 | 32 | 128 | 1L << 63;
        assertThat(Pte.isLeaf(pde, 2)).isTrue();
        assertThat(Pte.address(pde, 2)).isEqualTo(0xB0000000L);
        assertThat(Pte.flagText(pde, 2)).isEqualTo("P RW PWT PCD A PS NX");
        assertThat(Pte.summary(pde, 2)).isEqualTo("PDE P RW PWT PCD A PS NX \u2192 page 0xb0000000 (2M)");
    }

    @Test
    void bit_7_is_pat_in_a_pte_and_bit_12_is_pat_in_a_huge_leaf() {
        assertThat(Pte.flagText(0x5000L | 1 | 128, 1)).isEqualTo("P PAT");
        long huge = 0x40000000L | 1 | 128 | 1L << 12;
        assertThat(Pte.flagText(huge, 3)).isEqualTo("P PS PAT");
        assertThat(Pte.address(huge, 3)).isEqualTo(0x40000000L);
    }

    @Test
    void a_non_leaf_points_to_its_table() {
        long pml4e = 0x11000L | 1 | 2 | 32;
        assertThat(Pte.isLeaf(pml4e, 4)).isFalse();
        assertThat(Pte.summary(pml4e, 4)).isEqualTo("PML4E P RW A \u2192 table 0x11000");
        assertThat(Pte.flagText(0, 1)).isEqualTo("not present");
        assertThat(Pte.flagText(0x1234000, 1)).isEqualTo("not present (0x1234000)");
    }

    @Test
    void upper_half_addresses_are_sign_extended() {
        assertThat(Pte.canonical(256L << 39)).isEqualTo(0xFFFF800000000000L);
        assertThat(Pte.canonical(0x7fffffffffffL)).isEqualTo(0x7fffffffffffL);
    }
}
