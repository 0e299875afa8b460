package dev.memscope.views.guestpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.views.panekit.GuestTablesFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestPtForestTest {
    private final GuestPtForest forest = new GuestPtForest(GuestTablesFixture.tables(true),
            GuestTablesFixture.tables(false));

    @Test
    void counts_the_mappings_and_the_accessed_bits_the_walk_set() {
        assertThat(forest.mappings()).isEqualTo(32 + 128);
        assertThat(forest.adChanges()).isEqualTo(2);
        assertThat(forest.otherChanges()).isZero();
    }

    @Test
    void rows_carry_their_gva_and_the_path_to_the_changes() {
        GuestPtRow root = forest.rootRow();
        assertThat(root.label()).isEqualTo("CR3 0x10000");
        assertThat(root.changedBelow()).isTrue();
        GuestPtRow pml4e = forest.children(root, false).get(0);
        List<GuestPtRow> pdptes = forest.children(pml4e, false);
        assertThat(pdptes).extracting(GuestPtRow::gva).containsExactly(0L, 0x80000000L);
        assertThat(pdptes).extracting(GuestPtRow::adChanged).containsExactly(false, true);
        List<GuestPtRow> ecam = forest.children(pdptes.get(1), false);
        assertThat(ecam).hasSize(128);
        assertThat(ecam.get(0).label()).isEqualTo("384 0xb0000000");
        assertThat(ecam.get(0).adChanged()).isTrue();
        assertThat(ecam.get(1).adChanged()).isFalse();
        assertThat(ecam.get(0).isLeaf()).isTrue();
    }

    @Test
    void not_present_entries_only_when_asked() {
        GuestPtRow pml4e = forest.children(forest.rootRow(), false).get(0);
        assertThat(forest.children(pml4e, false)).hasSize(2);
        assertThat(forest.children(pml4e, true)).hasSize(512);
    }

    @Test
    void entries_in_the_upper_half_get_canonical_gvas() {
        GuestPtRow upper = forest.children(forest.rootRow(), true).get(256);
        assertThat(upper.gva()).isEqualTo(0xFFFF800000000000L);
    }
}
