package dev.memscope.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StopAtTest {
    @Provide
    Arbitrary<StopAt> stops() {
        return Arbitraries.oneOf(
                Arbitraries.longs().greaterOrEqual(0).map(StopAt.Instructions::new),
                Arbitraries.longs().greaterOrEqual(1).map(n -> new StopAt.NthFault(n, null)),
                Arbitraries.longs().between(1, 1 << 20).flatMap(n -> Arbitraries.of(FaultPhase.class)
                        .map(p -> new StopAt.NthFault(n, p))),
                Arbitraries.longs().greaterOrEqual(1).map(StopAt.NthExit::new),
                Arbitraries.longs().between(0, 0xFFFFFFFFL).map(StopAt.Sync::new),
                Arbitraries.longs().map(StopAt.GpaTouched::new),
                Arbitraries.just(new StopAt.End()));
    }

    @Property
    void every_stop_position_parses_back_from_its_text(@ForAll("stops") StopAt stop) {
        assertThat(StopAt.parse(stop.text())).isEqualTo(stop);
    }

    @Test
    void reads_the_forms_a_person_types() {
        assertThat(StopAt.parse(" fault:3/map ")).isEqualTo(new StopAt.NthFault(3, FaultPhase.MAP));
        assertThat(StopAt.parse("gpa:0xB0008000")).isEqualTo(new StopAt.GpaTouched(0xB0008000L));
        assertThat(StopAt.parse("sync:0x10")).isEqualTo(new StopAt.Sync(16));
    }

    @Test
    void malformed_positions_name_what_is_wrong() {
        assertThatThrownBy(() -> StopAt.parse("fault")).hasMessageContaining("not a stop position");
        assertThatThrownBy(() -> StopAt.parse("jump:4")).hasMessageContaining("unknown stop kind 'jump'");
        assertThatThrownBy(() -> StopAt.parse("insn:ten")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> StopAt.parse("fault:0")).hasMessageContaining("counts from 1");
        assertThatThrownBy(() -> StopAt.parse("fault:2/lunch")).hasMessageContaining("unknown fault phase 'lunch'");
        assertThatThrownBy(() -> StopAt.parse("insn:-5")).hasMessageContaining("cannot be negative");
    }
}
