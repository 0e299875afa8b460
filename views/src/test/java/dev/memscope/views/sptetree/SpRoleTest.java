package dev.memscope.views.sptetree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.views.panekit.PciScanFixture;
import org.junit.jupiter.api.Test;

class SpRoleTest {
    @Test
    void decodes_the_role_the_model_gives_a_direct_leaf_table() {
        int role = PciScanFixture.role(1); // level 1, direct, ACC_ALL, efer_nx, cr0_wp
        assertThat(SpRole.level(role)).isEqualTo(1);
        assertThat(SpRole.direct(role)).isTrue();
        assertThat(SpRole.access(role)).isEqualTo(7);
        assertThat(SpRole.flags(role)).containsExactly("efer_nx", "cr0_wp");
        assertThat(SpRole.summary(role)).isEqualTo("level 1 direct access uwx efer_nx cr0_wp");
    }

    @Test
    void reads_every_bitfield_of_union_kvm_mmu_page_role_where_the_kernel_puts_it() {
        int role = 3 | 1 << 4 | 2 << 5 | 5 << 8 | 1 << 11 | 1 << 16 | 1 << 17 | 1 << 18 | 1 << 24;
        assertThat(SpRole.level(role)).isEqualTo(3);
        assertThat(SpRole.quadrant(role)).isEqualTo(2);
        assertThat(SpRole.direct(role)).isFalse();
        assertThat(SpRole.accessText(SpRole.access(role))).isEqualTo("u-x");
        assertThat(SpRole.invalid(role)).isTrue();
        assertThat(SpRole.adDisabled(role)).isTrue();
        assertThat(SpRole.smm(role)).isEqualTo(1);
        assertThat(SpRole.flags(role)).containsExactly("has_4_byte_gpte", "invalid", "ad_disabled", "guest_mode",
                "passthrough");
        assertThat(SpRole.summary(role)).isEqualTo(
                "level 3 indirect access u-x quadrant 2 has_4_byte_gpte invalid ad_disabled guest_mode passthrough smm");
        assertThat(SpRole.fields(role)).contains("quadrant = 2", "direct = 0", "smm = 1", "is_mirror = 0");
    }
}
