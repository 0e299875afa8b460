package dev.memscope.app.lessons;

import static dev.memscope.app.lessons.LessonRig.n;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.FaultPhase;
import org.junit.jupiter.api.Test;

/**
 * Lesson 6 played headless, checked against DOMAIN.md §2: under TDP faults are by gpa and never walk guest tables
 * (the CPU sets guest A/D bits); under shadow paging KVM walks the guest tables ({@code FNAME(walk_addr)}), sets A/D
 * itself, reflects guest faults and write-protects the tables it shadows.
 */
class ShadowVsTdpLessonTest {
    @Test
    void every_step_shows_what_its_explanation_claims() throws Exception {
        try (LessonRig rig = new LessonRig("shadow-vs-tdp")) {
            var tdpFault = rig.player.goTo(rig.lesson, 0);
            var f = tdpFault.state().snapshot().currentFault();
            assertThat(f.isTdp()).isTrue();
            assertThat(f.phases()).doesNotContain(FaultPhase.GUEST_WALK).endsWith(FaultPhase.MAP);
            long cr3 = tdpFault.state().snapshot().cpu().cr3();
            assertThat(f.gfn()).as("the boot PML4, which the CPU's walk touched").isEqualTo(cr3 >>> 12);

            var tdpEnd = rig.player.goTo(rig.lesson, 1);
            assertThat(tdpEnd.state().snapshot().exitCode()).isZero();
            assertThat(n(tdpEnd, "events.kvm_mmu_set_accessed_bit")).isZero();
            assertThat(n(tdpEnd, "events.kvm_mmu_paging_element")).isZero();
            assertThat(n(tdpEnd, "pf_guest")).isZero();

            var walk = rig.player.goTo(rig.lesson, 2);
            f = walk.state().snapshot().currentFault();
            assertThat(f.isTdp()).isFalse();
            assertThat(f.addr()).as("the gva of the guest's first instruction")
                    .isEqualTo(walk.state().snapshot().cpu().rip() & ~0xfffL);
            assertThat(f.phases()).endsWith(FaultPhase.GUEST_WALK);
            // The boot tables map RAM with 2 MiB pages (DESIGN.md, guest ABI): PML4E, PDPTE, then the PDE leaf.
            assertThat(n(walk, "events.kvm_mmu_paging_element")).as("one element per level walked").isEqualTo(3);

            var shadowEnd = rig.player.goTo(rig.lesson, 3);
            assertThat(shadowEnd.state().snapshot().exitCode()).isZero();
            assertThat(n(shadowEnd, "events.kvm_mmu_set_accessed_bit")).isPositive();
            assertThat(n(shadowEnd, "pf_guest")).isEqualTo(n(shadowEnd, "events.kvm_mmu_walker_error"));
            assertThat(n(shadowEnd, "mmu_pte_write")).isPositive();
            assertThat(rig.player.answer(rig.lesson, 2)).isEqualTo(n(shadowEnd, "pf_taken"));
        }
    }
}
