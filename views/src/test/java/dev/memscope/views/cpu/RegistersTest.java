package dev.memscope.views.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistersTest {
    @Test
    void control_registers_decode_highest_bit_first() {
        assertThat(ControlBits.setBits(ControlBits.CR0, 0x80050033L)).isEqualTo("PG AM WP NE ET MP PE");
        assertThat(ControlBits.setBits(ControlBits.CR4, 0x20)).isEqualTo("PAE");
        assertThat(ControlBits.setBits(ControlBits.EFER, 0xd01)).isEqualTo("NXE LMA LME SCE");
        assertThat(ControlBits.setBits(ControlBits.RFLAGS, 0x246)).isEqualTo("IF ZF PF");
    }

    @Test
    void rows_print_like_an_oops_and_mark_what_changed_since_the_previous_stop() {
        List<RegisterRow> rows = Registers.rows(CpuFixtures.atIdRead(3, 0x246), CpuFixtures.atIdRead(2, 0x202));
        RegisterRow rsi = rows.stream().filter(r -> r.name().equals("RSI")).findFirst().orElseThrow();
        assertThat(rsi.text()).isEqualTo("00000000b0018000");
        assertThat(rsi.changed()).isTrue();
        assertThat(rows).filteredOn(RegisterRow::changed).extracting(RegisterRow::name)
                .containsExactlyInAnyOrder("RAX", "RSI", "RBP", "R12", "RFLAGS");
        RegisterRow cr0 = rows.stream().filter(r -> r.name().equals("CR0")).findFirst().orElseThrow();
        assertThat(cr0.text()).isEqualTo("80010011");
        assertThat(cr0.decoded()).isEqualTo("PG WP ET PE");
        assertThat(rows).extracting(RegisterRow::name).startsWith("RAX", "RBX").contains("CPL", "EFER");
    }

    @Test
    void without_a_previous_stop_nothing_is_marked() {
        assertThat(Registers.rows(CpuFixtures.atIdRead(3, 0x246), null)).noneMatch(RegisterRow::changed);
        assertThat(Registers.flags(CpuFixtures.atIdRead(3, 0x246), null)).noneMatch(FlagChip::changed);
    }

    @Test
    void flags_know_which_are_set_and_which_flipped() {
        List<FlagChip> chips = Registers.flags(CpuFixtures.atIdRead(3, 0x246), CpuFixtures.atIdRead(2, 0x202));
        assertThat(chips).filteredOn(FlagChip::set).extracting(FlagChip::name).containsExactly("PF", "ZF", "IF");
        assertThat(chips).filteredOn(FlagChip::changed).extracting(FlagChip::name).containsExactly("PF", "ZF");
    }

    @Test
    void same_compares_values_not_arrays() {
        assertThat(Registers.same(CpuFixtures.atIdRead(3, 0x246), CpuFixtures.atIdRead(3, 0x246))).isTrue();
        assertThat(Registers.same(CpuFixtures.atIdRead(3, 0x246), CpuFixtures.atIdRead(4, 0x246))).isFalse();
        assertThat(Registers.same(null, null)).isTrue();
    }
}
