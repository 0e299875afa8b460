package dev.memscope.app.lessons;

import static dev.memscope.app.lessons.LessonRig.n;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.SpteMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Lesson 1 played headless. Every exit claim is checked against what the guest itself counted (its console line
 * "N functions found with M ID reads") and the hole variants' documented semantics (DOMAIN.md §1, DESIGN.md).
 */
class SparsePciLessonTest {
    @Test
    void every_step_shows_what_its_explanation_claims() throws Exception {
        try (LessonRig rig = new LessonRig("sparse-pci")) {
            // Step 1: stopped on the read of 00:03.0; no slot there, so KVM cached an MMIO SPTE for its gfn.
            LessonPlayer.Played first = rig.player.goTo(rig.lesson, 0);
            assertThat(first.state().snapshot().stopReason()).contains("gpa:0xb0018000");
            SpteMap map = rig.machine.query(new Query.SpteMapRange(0, 0xb0018, 1)).get(10, TimeUnit.SECONDS);
            assertThat(map.state(0xb0018) & SpteMap.MMIO).isNotZero();
            List<LessonPlayer.Played> steps = rig.playAll();
            LessonPlayer.Played mmio = steps.get(1);
            LessonPlayer.Played ro = steps.get(2);
            LessonPlayer.Played allones = steps.get(3);
            // Under mmio-exit every config access exits: the exits are exactly the ECAM accesses the VMM served.
            assertThat(n(first, "exits.MMIO")).isEqualTo(n(first, "hole.present_exits") + n(first, "hole.absent_exits"));
            assertThat(first.text()).contains("**" + n(first, "exits.MMIO") + "** exits");

            // Step 2: the guest's own count of ID reads tells how many reads met an absent function: one per probe
            // that found nothing, plus the two reads of 00:03.0 after its write, plus that one write.
            Matcher m = Pattern.compile("(\\d+) functions found with (\\d+) ID reads")
                    .matcher(mmio.state().snapshot().consoleTail());
            assertThat(m.find()).isTrue();
            long found = Long.parseLong(m.group(1));
            long idReads = Long.parseLong(m.group(2));
            long absentReads = idReads - found + 2;
            assertThat(n(mmio, "hole.absent_exits")).isEqualTo(absentReads + 1);
            assertThat(n(mmio, "exits.MMIO")).isEqualTo(n(mmio, "hole.present_exits") + absentReads + 1);
            assertThat(mmio.text()).contains("**" + String.format("%,d", n(mmio, "hole.absent_exits")) + "**");

            // Step 3: reads of a read-only slot never exit; its one write does. Exactly the absent reads are saved.
            assertThat(ro.state().snapshot().setup().variant()).isEqualTo(HoleVariant.READONLY_PAGE);
            assertThat(n(ro, "hole.absent_exits")).isEqualTo(1);
            assertThat(n(ro, "exits.MMIO")).isEqualTo(n(mmio, "exits.MMIO") - absentReads);
            // The slots cover the whole window but the present functions' pages: 256 buses of 1 MiB, less 4 KiB each.
            assertThat(n(ro, "hole.slot_kib")).isEqualTo((256L << 10) - 4 * found);
            assertThat(ro.text()).contains(String.format("%,d KiB", n(ro, "hole.slot_kib")));

            // Step 4: allones serves reads from one shared page: the same exits as readonly-page.
            assertThat(allones.state().snapshot().setup().variant()).isEqualTo(HoleVariant.ALLONES);
            assertThat(n(allones, "exits.MMIO")).isEqualTo(n(ro, "exits.MMIO"));

            // The questions: the machine answers with what the steps showed.
            assertThat(rig.player.answer(rig.lesson, 0)).isEqualTo(n(mmio, "exits.MMIO") - n(first, "exits.MMIO"));
            assertThat(rig.player.answer(rig.lesson, 1)).isEqualTo(n(ro, "exits.MMIO"));
        }
    }

    @Test
    void going_back_replays_to_the_same_state() throws Exception {
        try (LessonRig rig = new LessonRig("sparse-pci")) {
            var a = rig.player.goTo(rig.lesson, 0);
            rig.player.goTo(rig.lesson, 1);
            var back = rig.player.goTo(rig.lesson, 0);
            assertThat(back.text()).isEqualTo(a.text());
            assertThat(back.state().snapshot().counters()).isEqualTo(a.state().snapshot().counters());
            assertThat(back.state().snapshot().instructions()).isEqualTo(a.state().snapshot().instructions());
        }
    }
}
