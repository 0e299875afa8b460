package dev.memscope.views.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.DisasmLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisasmListingTest {
    private final List<DisasmLine> lines = List.of(
            new DisasmLine(0x100b5e, "66 90", "xchg   %ax,%ax", "strcmp+0x3e"),
            new DisasmLine(0x100b60, "89 fa", "mov %edi,%edx", "scan_bus"),
            new DisasmLine(0x100b62, "48 c1 e2 14", "shl    $0x14,%rdx", "scan_bus+0x2"));

    @Test
    void a_header_opens_each_function_with_a_blank_line_between_them() {
        DisasmListing listing = new DisasmListing(lines, false);
        assertThat(listing.text().split("\n", -1)).containsExactly("<strcmp>:", "100b5e:  xchg   %ax,%ax", "",
                "<scan_bus>:", "100b60:  mov    %edi,%edx", "100b62:  shl    $0x14,%rdx");
        assertThat(listing.paragraphOf(0x100b60)).isEqualTo(4);
        assertThat(listing.lineAt(4).address()).isEqualTo(0x100b60);
        assertThat(listing.lineAt(3)).isNull();
        assertThat(listing.paragraphOf(0x100b61)).isEqualTo(-1);
    }

    @Test
    void bytes_are_a_padded_column_when_shown() {
        DisasmListing listing = new DisasmListing(lines, true);
        assertThat(listing.paragraphs().get(1).text()).isEqualTo("100b5e:  66 90        xchg   %ax,%ax");
        assertThat(listing.paragraphs().get(5).text()).isEqualTo("100b62:  48 c1 e2 14  shl    $0x14,%rdx");
    }

    @Test
    void spans_are_ordered_disjoint_and_inside_their_paragraph() {
        for (DisasmListing.Paragraph p : new DisasmListing(CpuFixtures.scanBus(), true).paragraphs()) {
            int end = 0;
            for (DisasmListing.Span s : p.spans()) {
                assertThat(s.start()).as(p.text()).isGreaterThanOrEqualTo(end);
                assertThat(s.end()).as(p.text()).isLessThanOrEqualTo(p.text().length());
                end = s.end();
            }
        }
    }

    @Test
    void objdump_spacing_is_kept_and_single_spaces_are_widened() {
        assertThat(DisasmListing.normalize("mov (%rsi),%r14d")).isEqualTo("mov    (%rsi),%r14d");
        assertThat(DisasmListing.normalize("cs nopw 0x0(%rax,%rax,1)")).isEqualTo("cs nopw 0x0(%rax,%rax,1)");
        assertThat(DisasmListing.normalize("ret")).isEqualTo("ret");
    }

    @Test
    void coverage_with_margin_decides_when_to_ask_again() {
        DisasmListing listing = new DisasmListing(CpuFixtures.scanBus(), false);
        assertThat(listing.coversWithMargin(CpuFixtures.FAULT_RIP, 8)).isTrue();
        long last = listing.lines().get(listing.lines().size() - 1).address();
        assertThat(listing.coversWithMargin(last, 8)).isFalse();
        assertThat(listing.coversWithMargin(0x200000, 0)).isFalse();
    }
}
