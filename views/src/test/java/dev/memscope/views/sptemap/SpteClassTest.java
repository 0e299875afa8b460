package dev.memscope.views.sptemap;

import static dev.memscope.emulator.api.SpteMap.DIRTY;
import static dev.memscope.emulator.api.SpteMap.HUGE;
import static dev.memscope.emulator.api.SpteMap.MMIO;
import static dev.memscope.emulator.api.SpteMap.NO_SLOT;
import static dev.memscope.emulator.api.SpteMap.PREFETCHED;
import static dev.memscope.emulator.api.SpteMap.PRESENT;
import static dev.memscope.emulator.api.SpteMap.WRITABLE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpteClassTest {
    @Test
    void each_state_gets_its_most_notable_class() {
        assertThat(SpteClass.classify(0)).isEqualTo(SpteClass.NOT_PRESENT);
        assertThat(SpteClass.classify(NO_SLOT)).isEqualTo(SpteClass.NO_SLOT);
        assertThat(SpteClass.classify(NO_SLOT | MMIO)).isEqualTo(SpteClass.MMIO);
        assertThat(SpteClass.classify(PRESENT)).isEqualTo(SpteClass.READ_ONLY);
        assertThat(SpteClass.classify(PRESENT | WRITABLE)).isEqualTo(SpteClass.WRITABLE);
        assertThat(SpteClass.classify(PRESENT | WRITABLE | HUGE)).isEqualTo(SpteClass.HUGE);
        assertThat(SpteClass.classify(PRESENT | WRITABLE | HUGE | DIRTY)).isEqualTo(SpteClass.DIRTY);
        assertThat(SpteClass.classify(PRESENT | PREFETCHED)).isEqualTo(SpteClass.PREFETCHED);
    }

    @Test
    void the_table_agrees_with_the_rules_and_ranks_are_ordered() {
        for (int s = 0; s < 256; s++) {
            assertThat(SpteClass.codeOfState(s)).isEqualTo(SpteClass.classify(s).code());
        }
        assertThat(SpteClass.MMIO.code()).isGreaterThan(SpteClass.DIRTY.code());
        assertThat(SpteClass.NOT_LOADED.code()).isZero();
        assertThat(SpteClass.flagWords(PRESENT | WRITABLE | DIRTY)).isEqualTo("present|writable|dirty");
        assertThat(SpteClass.flagWords(0)).isEqualTo("none");
    }
}
