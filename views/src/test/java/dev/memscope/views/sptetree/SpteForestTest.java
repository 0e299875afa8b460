package dev.memscope.views.sptetree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.views.panekit.PciScanFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpteForestTest {
    private final SpteForest forest = new SpteForest(PciScanFixture.spteTree(true), PciScanFixture.spteTree(false));

    @Test
    void counts_what_hangs_below_the_root() {
        assertThat(forest.reachableTables()).isEqualTo(7);
        assertThat(forest.otherTables()).isZero();
        assertThat(forest.presentLeaves()).isEqualTo(8 + 3);
        assertThat(forest.mmioSptes()).isEqualTo(3);
        assertThat(forest.changedCount()).isEqualTo(1);
    }

    @Test
    void only_the_leaf_written_by_map_is_changed_and_its_ancestors_say_so() {
        SpteRow root = forest.rootRow();
        assertThat(root.changedBelow()).isTrue();
        SpteRow l3 = single(forest.children(root, false));
        List<SpteRow> l2s = forest.children(l3, false);
        assertThat(l2s).extracting(SpteRow::index).containsExactly(0, 2);
        assertThat(l2s).extracting(SpteRow::changedBelow).containsExactly(false, true);
        SpteRow ecamL2 = single(forest.children(l2s.get(1), false));
        assertThat(ecamL2.label()).isEqualTo("[384] 0xb0000\u20130xb01ff");
        List<SpteRow> leaves = forest.children(ecamL2, false);
        assertThat(leaves).extracting(SpteRow::index).containsExactly(0x00, 0x08, 0x10, 0x18, 0x20, 0x28);
        assertThat(leaves).filteredOn(SpteRow::changed).singleElement().satisfies(r -> {
            assertThat(r.gfn()).isEqualTo(0xB0028);
            assertThat(r.oldSpte()).isZero();
            assertThat(r.label()).isEqualTo("[ 40] 0xb0028");
            assertThat(r.sptep()).isEqualTo((PciScanFixture.TABLE_BASE + 6) << 12 | 40 * 8);
        });
    }

    @Test
    void empty_entries_appear_only_when_asked() {
        SpteRow root = forest.rootRow();
        assertThat(forest.children(root, false)).hasSize(1);
        assertThat(forest.children(root, true)).hasSize(512);
        assertThat(forest.children(root, true).get(1).kind()).isEqualTo(SpteKind.EMPTY);
    }

    @Test
    void without_a_previous_tree_nothing_is_changed() {
        SpteForest first = new SpteForest(PciScanFixture.spteTree(true), null);
        assertThat(first.changedCount()).isZero();
        assertThat(first.rootRow().changedBelow()).isFalse();
    }

    private static SpteRow single(List<SpteRow> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
