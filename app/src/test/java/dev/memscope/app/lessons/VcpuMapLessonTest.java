package dev.memscope.app.lessons;

import static dev.memscope.app.lessons.LessonRig.n;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lesson 5 played headless, checked against DOMAIN.md §5: kvm_vcpu_map kmaps a pfn with a struct page and memremaps
 * one without (the PFN-only slot at 2 GiB, 4 MiB); under shadow paging KVM sets guest A/D bits through it; under TDP
 * the CPU does and KVM never maps a guest page.
 */
class VcpuMapLessonTest {
    private static final long SLOT_GFN = 0x80000;
    private static final long SLOT_PAGES = 1024;

    @Test
    void every_step_shows_what_its_explanation_claims() throws Exception {
        try (LessonRig rig = new LessonRig("vcpu-map")) {
            var first = rig.player.goTo(rig.lesson, 0);
            assertThat(n(first, "vcpu_map.memremap")).isPositive();
            assertThat(first.text()).contains("**" + n(first, "vcpu_map.memremap") + "** memremaps");

            var end = rig.player.goTo(rig.lesson, 1);
            List<TraceEvent> maps = rig.machine.eventsSince(0, 1 << 20).stream()
                    .filter(e -> e.kind() == EventKind.VCPU_MAP).toList();
            assertThat(maps).hasSize((int) n(end, "events.kvm_vcpu_map"));
            for (TraceEvent e : maps) {
                boolean pfnOnly = e.a0() >= SLOT_GFN && e.a0() < SLOT_GFN + SLOT_PAGES;
                assertThat(e.a3() != 0).as("gfn 0x%x mapped via memremap", e.a0()).isEqualTo(pfnOnly);
            }
            assertThat(end.state().snapshot().consoleTail()).contains("256 of 256 PTEs accessed, 128 dirty");
            assertThat(n(end, "events.kvm_mmu_set_accessed_bit")).isGreaterThanOrEqualTo(256);
            assertThat(n(end, "events.kvm_mmu_set_dirty_bit")).isGreaterThanOrEqualTo(128);
            assertThat(n(end, "mmu_pte_write")).isEqualTo(1);
            assertThat(n(end, "insn_emulation")).isEqualTo(1);
            assertThat(rig.player.answer(rig.lesson, 0))
                    .isEqualTo(n(end, "vcpu_map.memremap") - n(first, "vcpu_map.memremap"));

            var tdp = rig.player.goTo(rig.lesson, 2);
            assertThat(tdp.state().snapshot().setup().mmu().cliName()).isEqualTo("tdp");
            assertThat(n(tdp, "events.kvm_vcpu_map")).isZero();
            assertThat(n(tdp, "events.kvm_mmu_set_accessed_bit")).isZero();
            assertThat(tdp.state().snapshot().consoleTail()).contains("256 of 256 PTEs accessed, 128 dirty");
            assertThat(tdp.text()).contains("**0** `kvm_vcpu_map` calls");
        }
    }
}
