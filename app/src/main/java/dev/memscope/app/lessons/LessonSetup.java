package dev.memscope.app.lessons;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;

/** What a lesson runs: a catalog guest under a hole variant, an MMU and an ALLONES prefetch policy (simulated). */
public record LessonSetup(String guest, HoleVariant variant, MmuMode mmu, String prefetch) {
    public LessonSetup withVariant(HoleVariant v) {
        return new LessonSetup(guest, v, mmu, prefetch);
    }

    public LessonSetup withMmu(MmuMode m) {
        return new LessonSetup(guest, variant, m, prefetch);
    }

    public LessonSetup withPrefetch(String p) {
        return new LessonSetup(guest, variant, mmu, p);
    }

    public String describe() {
        return guest + " under " + variant + ", " + mmu + " MMU" + (variant == HoleVariant.ALLONES
                ? ", prefetch " + prefetch : "");
    }
}
