package dev.memscope.app.lessons;

import static dev.memscope.app.lessons.LessonRig.n;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.SpteMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lesson 4 played headless, checked against DOMAIN.md §4 (api.rst 4.143 and pre_fault_memory_test.c): whole ranges
 * processed leave size 0; a range running into a gpa without a memslot is partial progress (0, the rest left); a range
 * with nothing processed returns -ENOENT; shadow paging returns -EOPNOTSUPP; pre-faulted pages do not fault.
 */
class PreFaultLessonTest {
    private static final long SLOT_GFN = 0x100000;
    private static final long SLOT_PAGES = 513;

    @Test
    void every_step_shows_what_its_explanation_claims() throws Exception {
        try (LessonRig rig = new LessonRig("pre-fault")) {
            var before = rig.player.goTo(rig.lesson, 0);
            assertThat(n(before, "prefaults")).isEqualTo(4);
            assertThat(text(before, "prefault[1].ret")).isEqualTo("0");
            assertThat(n(before, "prefault[1].left")).isZero();
            assertThat(n(before, "prefault[2].size")).isEqualTo(2L << 20);
            assertThat(n(before, "prefault[2].left")).isZero();
            assertThat(text(before, "prefault[3].ret")).isEqualTo("0");
            assertThat(n(before, "prefault[3].done")).as("the slot's last page").isEqualTo(4096);
            assertThat(n(before, "prefault[3].left")).isEqualTo(4096);
            assertThat(text(before, "prefault[4].ret")).isEqualTo("-ENOENT");
            assertThat(n(before, "prefault[4].left")).isEqualTo(4096);
            assertThat(n(before, "pf_taken")).as("no guest fault yet").isZero();
            SpteMap map = rig.machine.query(new Query.SpteMapRange(0, SLOT_GFN, (int) SLOT_PAGES))
                    .get(10, TimeUnit.SECONDS);
            for (long g = SLOT_GFN; g < SLOT_GFN + SLOT_PAGES; g++) {
                assertThat(map.state(g) & SpteMap.PRESENT).as("gfn 0x%x pre-faulted", g).isNotZero();
            }
            assertThat(before.text()).contains("| 8 KiB across the slot's end | 8,192 | 0 | 4,096 |");

            var after = rig.player.goTo(rig.lesson, 1);
            assertThat(after.state().snapshot().consoleTail()).contains("read 513 pages of the test slot");
            // The recent faults still hold the pre-fault's own (prefetch = true) faults; the guest took none there.
            var recent = after.state().snapshot().recentFaults();
            assertThat(recent).anyMatch(f -> f.prefetch() && inSlot(f));
            for (FaultRecord f : recent) {
                assertThat(!f.prefetch() && inSlot(f)).as("guest fault #%d in the slot", f.seq()).isFalse();
            }
            assertThat(n(after, "exits.MMIO")).isEqualTo(1);
            assertThat(rig.player.answer(rig.lesson, 0)).isEqualTo(n(after, "pf_taken"));

            var shadow = rig.player.goTo(rig.lesson, 2);
            for (int call = 1; call <= 4; call++) {
                assertThat(text(shadow, "prefault[" + call + "].ret")).isEqualTo("-EOPNOTSUPP");
                assertThat(n(shadow, "prefault[" + call + "].done")).isZero();
            }
            var shadowEnd = rig.player.goTo(rig.lesson, 3);
            assertThat(shadowEnd.state().snapshot().setup().mmu().cliName()).isEqualTo("shadow");
            assertThat(shadowEnd.state().snapshot().recentFaults()).anyMatch(f -> !f.prefetch() && f.gpa() >>> 12 >= SLOT_GFN
                    && f.gpa() >>> 12 < SLOT_GFN + SLOT_PAGES);
            assertThat(n(shadowEnd, "pf_taken")).isGreaterThan(n(after, "pf_taken"));
        }
    }

    private static boolean inSlot(FaultRecord f) {
        return f.gfn() >= SLOT_GFN && f.gfn() < SLOT_GFN + SLOT_PAGES;
    }

    private static String text(LessonPlayer.Played p, String measure) throws LessonRunException {
        return Measures.text(p.state(), measure);
    }
}
