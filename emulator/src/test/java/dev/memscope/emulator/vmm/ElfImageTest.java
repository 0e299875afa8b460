package dev.memscope.emulator.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.guests.SampleGuests;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ElfImageTest {
    private static final byte[] HELLO = SampleGuests.image("hello").orElseThrow();

    @Test
    void parses_the_hello_guest_as_the_linker_script_laid_it_out() throws Exception {
        ElfImage image = ElfImage.parse(HELLO);
        // libguest/guest.ld: text at 0x100000 first, with _start at its start; entry is _start.
        assertThat(image.entry()).isEqualTo(0x100000L);
        assertThat(image.segments()).hasSize(3);
        assertThat(image.segments().get(0).gpa()).isEqualTo(0x100000L);
        assertThat(image.segments().get(0).executable()).isTrue();
        assertThat(image.segments().get(0).writable()).isFalse();
        ElfImage.Segment data = image.segments().get(2);
        assertThat(data.writable()).isTrue();
        assertThat(data.data()).isEmpty(); // only BSS: nothing in the file, memsz > 0
        assertThat(data.memSize()).isPositive();
        assertThat(image.symbols()).extracting(ElfImage.Symbol::name).contains("main", "_start", "printf");
        assertThat(image.symbolAt(image.entry() + 3)).get().extracting(ElfImage.Symbol::name).isEqualTo("_start");
        assertThat(image.sha256()).hasSize(64);
    }

    @Test
    void refuses_what_is_not_an_elf_file() {
        assertRefused(new byte[10], "shorter than an ELF64 header");
        byte[] text = new byte[100];
        text[0] = 'M';
        text[1] = 'Z';
        assertRefused(text, "not an ELF file: the first bytes are 4d 5a 00 00");
    }

    @Test
    void refuses_other_classes_encodings_machines_and_types() {
        assertRefused(mutate(b -> b.put(4, (byte) 1)), "ELFCLASS64");
        assertRefused(mutate(b -> b.put(5, (byte) 2)), "little-endian");
        assertRefused(mutate(b -> b.putShort(18, (short) 183)), "e_machine");
        assertRefused(mutate(b -> b.putShort(16, (short) 3)), "-static -no-pie");
        assertRefused(mutate(b -> b.putShort(16, (short) 1)), "e_type");
    }

    @Test
    void refuses_truncated_files_and_bad_program_headers() {
        byte[] truncated = java.util.Arrays.copyOf(HELLO, 0x1100);
        assertRefused(truncated, "runs past the end of the file");
        assertRefused(mutate(b -> b.putShort(56, (short) 0)), "e_phnum = 0");
        assertRefused(mutate(b -> b.putShort(54, (short) 32)), "e_phentsize");
        assertRefused(mutate(b -> b.putLong(32, 1L << 40)), "program header table");
    }

    @Test
    void refuses_segments_below_one_mib_overlapping_or_with_a_bad_size() {
        assertRefused(mutate(b -> b.putLong(phdr(b, 0) + 24, 0x8000L)), "below 1 MiB");
        assertRefused(mutate(b -> b.putLong(phdr(b, 1) + 24, 0x100100L)), "overlap");
        assertRefused(mutate(b -> b.putLong(phdr(b, 0) + 32, b.getLong(phdr(b, 0) + 40) + 1)),
                "larger than p_memsz");
        assertRefused(mutate(b -> b.putInt(phdr(b, 0), 3)), "dynamically linked");
    }

    @Test
    void refuses_an_entry_point_outside_every_segment() {
        assertRefused(mutate(b -> b.putLong(24, 0x5000000L)), "entry point 0x5000000");
    }

    @Test
    void checks_that_segments_fit_in_ram() throws Exception {
        ElfImage image = ElfImage.parse(HELLO);
        image.checkFits(64L << 20);
        assertThatThrownBy(() -> image.checkFits(0x101000L)).isInstanceOf(ElfFormatException.class)
                .hasMessageContaining("outside guest RAM");
    }

    @Test
    void a_corrupt_symbol_table_loses_the_symbols_not_the_image() throws Exception {
        ElfImage image = ElfImage.parse(mutate(b -> b.putLong(40, 1L << 40)));
        assertThat(image.symbols()).isEmpty();
        assertThat(image.entry()).isEqualTo(0x100000L);
    }

    private static int phdr(ByteBuffer b, int index) {
        return (int) b.getLong(32) + index * 56;
    }

    private static byte[] mutate(Consumer<ByteBuffer> change) {
        byte[] copy = HELLO.clone();
        change.accept(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
        return copy;
    }

    private static void assertRefused(byte[] file, String messagePart) {
        assertThatThrownBy(() -> ElfImage.parse(file)).isInstanceOf(ElfFormatException.class)
                .hasMessageContaining(messagePart);
    }
}
