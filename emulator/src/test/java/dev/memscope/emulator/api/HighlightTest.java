package dev.memscope.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HighlightTest {
    @Provide
    Arbitrary<Highlight> highlights() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0xFFFF).map(Highlight.Memslot::new),
                Arbitraries.longs().map(Highlight.MemslotAt::new),
                Arbitraries.longs().map(Highlight.Spte::new),
                Arbitraries.longs().flatMap(g -> Arbitraries.longs().between(1, 1L << 40)
                        .map(n -> new Highlight.Gfns(g, n))),
                Arbitraries.of(FaultPhase.class).map(Highlight.Phase::new),
                Arbitraries.longs().map(Highlight.Candidate::new));
    }

    @Property
    void every_highlight_parses_back_from_its_text(@ForAll("highlights") Highlight h) {
        assertThat(Highlight.parse(h.text())).isEqualTo(h);
    }

    @Test
    void reads_the_forms_a_lesson_author_types() {
        assertThat(Highlight.parse(" memslot@0xB0018000 ")).isEqualTo(new Highlight.MemslotAt(0xB0018000L));
        assertThat(Highlight.parse("gfns:0xb0018+8")).isEqualTo(new Highlight.Gfns(0xb0018, 8));
        assertThat(Highlight.parse("phase:prefetch")).isEqualTo(new Highlight.Phase(FaultPhase.PREFETCH));
        assertThat(Highlight.parse("memslot:3")).isEqualTo(new Highlight.Memslot(3));
    }

    @Test
    void a_gfn_range_covers_exactly_its_pages() {
        Highlight.Gfns r = new Highlight.Gfns(0x100, 8);
        assertThat(r.coversGfn(0xff)).isFalse();
        assertThat(r.coversGfn(0x100)).isTrue();
        assertThat(r.coversGfn(0x107)).isTrue();
        assertThat(r.coversGfn(0x108)).isFalse();
        assertThat(new Highlight.Memslot(1).coversGfn(0)).isFalse();
    }

    @Test
    void malformed_highlights_name_what_is_wrong() {
        assertThatThrownBy(() -> Highlight.parse("slot:1")).hasMessageContaining("unknown highlight kind 'slot'");
        assertThatThrownBy(() -> Highlight.parse("phase:mapp")).hasMessageContaining("unknown fault phase 'mapp'");
        assertThatThrownBy(() -> Highlight.parse("gfns:0x10")).hasMessageContaining("needs a count");
        assertThatThrownBy(() -> Highlight.parse("gfns:0x10+0")).hasMessageContaining("at least one page");
        assertThatThrownBy(() -> Highlight.parse("spte:zz")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Highlight.parse("memslot:70000")).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> Highlight.parse("")).hasMessageContaining("not a highlight");
    }
}
