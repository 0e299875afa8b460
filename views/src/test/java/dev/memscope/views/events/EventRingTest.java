package dev.memscope.views.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.TraceEvent;
import org.junit.jupiter.api.Test;

class EventRingTest {
    private static TraceEvent ev(long seq) {
        return new TraceEvent(seq, seq * 100, 0, EventKind.KVM_ENTRY, 0x100000, 0, 0, 0, 0, 0);
    }

    @Test
    void keeps_the_newest_in_order_and_counts_what_it_pushed_out() {
        EventRing ring = new EventRing(3);
        assertThat(ring.oldestSeq()).isEqualTo(Long.MAX_VALUE);
        for (long s = 0; s < 5; s++) {
            ring.add(ev(s));
        }
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.get(0).seq()).isEqualTo(2);
        assertThat(ring.get(2).seq()).isEqualTo(4);
        assertThat(ring.oldestSeq()).isEqualTo(2);
        assertThat(ring.evicted()).isEqualTo(2);
        ring.skipped(10);
        assertThat(ring.evicted()).isEqualTo(12);
        ring.clear();
        assertThat(ring.size()).isZero();
        assertThat(ring.evicted()).isZero();
    }
}
