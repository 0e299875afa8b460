package dev.memscope.views.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.views.cpu.DisasmSyntax.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisasmSyntaxTest {
    private static List<String> kinds(String text) {
        return DisasmSyntax.tokens(text).stream()
                .map(t -> t.kind() + ":" + text.substring(t.start(), t.end())).toList();
    }

    @Test
    void a_rip_relative_load_with_objdumps_comment() {
        assertThat(kinds("mov    0x1469(%rip),%rax        # 102000 <boot_info>")).containsExactly(
                "MNEMONIC:mov", "ADDRESS:0x1469", "REGISTER:%rip", "REGISTER:%rax", "COMMENT:# 102000 ",
                "SYMBOL:<boot_info>");
    }

    @Test
    void immediates_registers_and_negative_displacements() {
        assertThat(kinds("cmp    $0xffff,%r14d")).containsExactly("MNEMONIC:cmp", "IMMEDIATE:$0xffff",
                "REGISTER:%r14d");
        assertThat(kinds("lea    -0x1(%r14),%esi")).containsExactly("MNEMONIC:lea", "ADDRESS:-0x1",
                "REGISTER:%r14", "REGISTER:%esi");
    }

    @Test
    void a_branch_target_and_its_symbol() {
        assertThat(kinds("call   1007f0 <guest_main_entry>")).containsExactly("MNEMONIC:call", "ADDRESS:1007f0",
                "SYMBOL:<guest_main_entry>");
        assertThat(kinds("je     100de2 <scan_bus+0x282>")).containsExactly("MNEMONIC:je", "ADDRESS:100de2",
                "SYMBOL:<scan_bus+0x282>");
    }

    @Test
    void prefixes_belong_to_the_mnemonic_and_a_bare_mnemonic_is_one_token() {
        assertThat(kinds("cs nopw 0x0(%rax,%rax,1)")).startsWith("MNEMONIC:cs", "MNEMONIC:nopw", "ADDRESS:0x0");
        assertThat(kinds("ret")).containsExactly("MNEMONIC:ret");
        assertThat(kinds("out    %al,$0xe9")).containsExactly("MNEMONIC:out", "REGISTER:%al", "IMMEDIATE:$0xe9");
    }

    @Test
    void tokens_never_overlap_and_stay_inside_the_text() {
        String text = "addl   $0x1,0x146a(%rip)        # 102008 <id_reads>";
        int end = 0;
        for (DisasmSyntax.Token t : DisasmSyntax.tokens(text)) {
            assertThat(t.start()).isGreaterThanOrEqualTo(end);
            assertThat(t.end()).isLessThanOrEqualTo(text.length()).isGreaterThan(t.start());
            end = t.end();
        }
        assertThat(DisasmSyntax.tokens(text)).extracting(DisasmSyntax.Token::kind).contains(Kind.IMMEDIATE,
                Kind.COMMENT, Kind.SYMBOL);
    }
}
