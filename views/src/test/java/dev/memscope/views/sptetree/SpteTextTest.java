package dev.memscope.views.sptetree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.SpteBits.Format;
import dev.memscope.views.panekit.PciScanFixture;
import org.junit.jupiter.api.Test;

class SpteTextTest {
    @Test
    void a_leaf_on_the_shared_0xff_page_reads_as_read_only_with_its_pfn() {
        long spte = PciScanFixture.allonesLeaf();
        assertThat(SpteKind.of(Format.EPT, spte, 1)).isEqualTo(SpteKind.LEAF_READONLY);
        assertThat(SpteText.summary(Format.EPT, spte, 1, null)).isEqualTo("R-X A- WB+IPAT 4K  pfn 0xffff0");
        assertThat(SpteText.details(Format.EPT, spte, 1)).contains("host-writable        no", "pfn                  0xffff0",
                "A/D type             enabled");
    }

    @Test
    void a_ram_leaf_is_writable_dirty_and_writable_for_host_and_mmu() {
        long spte = PciScanFixture.ramLeaf(0x100006);
        assertThat(SpteKind.of(Format.EPT, spte, 1)).isEqualTo(SpteKind.LEAF_WRITABLE);
        assertThat(SpteText.summary(Format.EPT, spte, 1, null)).isEqualTo("RWX AD HW MW WB+IPAT 4K  pfn 0x100006");
    }

    @Test
    void an_mmio_spte_shows_its_gfn_and_generation() {
        long spte = PciScanFixture.mmioSpte(0xB0008, 0x1234);
        assertThat(SpteKind.of(Format.EPT, spte, 1)).isEqualTo(SpteKind.MMIO);
        assertThat(SpteText.summary(Format.EPT, spte, 1, null)).isEqualTo("MMIO spte  gfn 0xb0008  gen 4660");
    }

    @Test
    void a_pointer_names_the_child_sp_by_its_role() {
        long spte = PciScanFixture.nonleaf(PciScanFixture.TABLE_BASE + 6);
        assertThat(SpteKind.of(Format.EPT, spte, 2)).isEqualTo(SpteKind.TABLE);
        assertThat(SpteText.summary(Format.EPT, spte, 2, PciScanFixture.role(1)))
                .isEqualTo("RWX A  \u2192 sp L1 direct uwx");
    }

    @Test
    void the_pt_format_has_user_and_no_memory_type() {
        long spte = 0x800L | 1 | 2 | 4 | 1L << 5 | 1L << 63 | 0x1234L << 12;
        assertThat(SpteText.summary(Format.PT, spte, 1, null)).isEqualTo("RW-U A- 4K  pfn 0x1234");
    }
}
