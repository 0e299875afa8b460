package dev.memscope.app.lessons;

import static dev.memscope.app.lessons.LessonRig.n;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.api.SpteBits;
import dev.memscope.emulator.api.SpteTableNode;
import dev.memscope.emulator.api.SpteTree;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lesson 2 played headless, checked against DOMAIN.md §1-2: a commit grows the generation by the number of address
 * spaces (2 on x86); MMIO SPTEs record the generation they were made in and are not zapped by a slot creation; a
 * stale one makes {@code handle_mmio_page_fault} take the full path, which maps the read-only slot's page.
 */
class MmioSpteGenerationLessonTest {
    private static final long GFN = 0xb0018;

    @Test
    void every_step_shows_what_its_explanation_claims() throws Exception {
        try (LessonRig rig = new LessonRig("mmio-spte-generation")) {
            var cached = rig.player.goTo(rig.lesson, 0);
            long spte = spteOf(rig, GFN);
            assertThat(SpteBits.isMmio(SpteBits.Format.EPT, spte)).as("an MMIO SPTE for 0xb0018").isTrue();
            assertThat(SpteBits.mmioGeneration(spte)).isEqualTo(n(cached, "generation"));
            assertThat(cached.text()).contains("**" + n(cached, "generation") + "**");

            var switched = rig.player.goTo(rig.lesson, 1);
            long created = n(switched, "memslots") - n(cached, "memslots");
            assertThat(created).isPositive();
            assertThat(n(switched, "generation") - n(cached, "generation")).isEqualTo(2 * created);
            long stale = spteOf(rig, GFN);
            assertThat(stale).as("the MMIO SPTE survives the memslot change").isEqualTo(spte);
            assertThat(SpteBits.mmioGeneration(stale)).isNotEqualTo(n(switched, "generation"));
            assertThat(rig.player.answer(rig.lesson, 0)).isEqualTo(2 * created);

            var check = rig.player.goTo(rig.lesson, 2);
            var fault = check.state().snapshot().currentFault();
            assertThat(fault.gfn()).isEqualTo(GFN);
            assertThat(fault.phases()).endsWith(FaultPhase.MMIO_CHECK);
            assertThat(n(check, "events.check_mmio_spte")).isEqualTo(1);

            var mapped = rig.player.goTo(rig.lesson, 3);
            fault = mapped.state().snapshot().currentFault();
            assertThat(fault.result()).isEqualTo(RetPf.FIXED);
            MemslotInfo slot = mapped.state().snapshot().memslots().stream()
                    .filter(m -> m.gpaStart() <= GFN << 12 && GFN << 12 < m.gpaEnd()).findFirst().orElseThrow();
            assertThat(fault.slotId()).isEqualTo(slot.id());
            assertThat(slot.flags() & 2).as("KVM_MEM_READONLY").isEqualTo(2);
            long now = spteOf(rig, GFN);
            assertThat(SpteBits.isShadowPresent(now)).isTrue();
            assertThat(SpteBits.writable(SpteBits.Format.EPT, now)).isFalse();
            assertThat(mapped.text()).contains("memslot " + slot.id());
        }
    }

    static long spteOf(LessonRig rig, long gfn) throws Exception {
        SpteTree tree = rig.machine.query(new Query.SpteTables(0)).get(10, TimeUnit.SECONDS);
        for (SpteTableNode t : tree.tables()) {
            if (t.direct() && t.level() == 1 && gfn >= t.gfn() && gfn < t.gfn() + 512) {
                return t.spte((int) (gfn - t.gfn()));
            }
        }
        return 0;
    }
}
