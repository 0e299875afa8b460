package dev.memscope.app.lessons;

import static dev.memscope.app.lessons.LessonRig.n;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.PrefetchDecision;
import org.junit.jupiter.api.Test;

/**
 * Lesson 3 played headless, checked against DOMAIN.md §3: the window is PTE_PREFETCH_NUM = 8 entries aligned down
 * to 8; read-only and hole slots fail their run at the first candidate; the RFC maps every other gfn of the slot;
 * the review bounds that to the 2 MiB region around the fault.
 */
class PrefetchLessonTest {
    @Test
    void every_step_shows_what_its_explanation_claims() throws Exception {
        try (LessonRig rig = new LessonRig("prefetch")) {
            var window = rig.player.goTo(rig.lesson, 0);
            FaultRecord f = newest(window);
            PrefetchDecision p = f.prefetchDecision();
            assertThat(p.windowPages()).isEqualTo(8);
            assertThat(p.windowStartGfn()).isEqualTo(f.gfn() & ~7L);
            assertThat(p.mapped()).isBetween(0, 7);
            assertThat(window.text()).contains("**" + p.mapped() + "** SPTEs");

            var ro = rig.player.goTo(rig.lesson, 1);
            f = newest(ro);
            assertThat(f.gfn()).isEqualTo(0xb0018);
            assertThat(f.prefetchDecision().windowStartGfn()).as("one device's 8 functions").isEqualTo(0xb0018);
            assertThat(f.prefetchDecision().mapped()).isZero();
            assertThat(f.prefetchDecision().stopGfn()).isEqualTo(0xb0019);
            assertThat(f.prefetchDecision().reason()).isEqualTo(PrefetchDecision.Reason.ABORTED_RUN);
            assertThat(slotOf(ro, 0xb0019).flags() & 2).as("the candidate's slot is KVM_MEM_READONLY").isEqualTo(2);

            var allones = rig.player.goTo(rig.lesson, 2);
            f = newest(allones);
            assertThat(f.prefetchDecision().mapped()).isZero();
            assertThat(f.prefetchDecision().stopGfn()).isEqualTo(0xb0019);
            assertThat(slotOf(allones, 0xb0019).userspaceAddr()).as("an ALLONES slot has no HVA").isZero();

            var whole = rig.player.goTo(rig.lesson, 3);
            f = newest(whole);
            MemslotInfo slot = slotOf(whole, f.gfn());
            assertThat(f.prefetchDecision().policy()).isEqualTo(PrefetchDecision.Policy.WHOLE_SLOT);
            assertThat(f.prefetchDecision().mapped()).as("every gfn of the slot but the faulting one")
                    .isEqualTo(slot.npages() - 1);
            assertThat(f.prefetchDecision().tablesAllocated()).isGreaterThan(5);
            assertThat(f.prefetchDecision().mayExhaustCache()).isTrue();
            assertThat(rig.player.answer(rig.lesson, 2)).isEqualTo(slot.npages() - 1);
            assertThat(whole.text()).contains(String.format("**%,d** SPTEs", slot.npages() - 1));

            var bounded = rig.player.goTo(rig.lesson, 4);
            f = newest(bounded);
            slot = slotOf(bounded, f.gfn());
            long start = Math.max(slot.baseGfn(), f.gfn() & ~511L);
            long end = Math.min(slot.baseGfn() + slot.npages(), (f.gfn() | 511L) + 1);
            assertThat(f.prefetchDecision().windowStartGfn()).isEqualTo(start);
            assertThat(f.prefetchDecision().mapped()).isEqualTo(end - start - 1);
            assertThat(f.prefetchDecision().mayExhaustCache()).isFalse();
            assertThat(n(bounded, "fault.prefetch.mapped")).isEqualTo(end - start - 1);
        }
    }

    private static FaultRecord newest(LessonPlayer.Played p) {
        var s = p.state().snapshot();
        return s.currentFault() != null ? s.currentFault() : s.recentFaults().get(s.recentFaults().size() - 1);
    }

    private static MemslotInfo slotOf(LessonPlayer.Played p, long gfn) {
        return p.state().snapshot().memslots().stream().filter(m -> gfn >= m.baseGfn()
                && gfn < m.baseGfn() + m.npages()).findFirst().orElseThrow();
    }
}
