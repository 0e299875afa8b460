package dev.memscope.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.emulator.api.Highlight;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.StopAt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonReaderTest {
    private final LessonLibrary library = new LessonLibrary(GuestCatalog.builtIn());

    private static final String GOOD = """
            format: 1
            title: A small lesson
            guest: pci-scan
            setup: {variant: allones, prefetch: bounded-2m}
            steps:
              - title: First
                stop: gpa:0xb0018000
                panes: [faults-pane]
                highlight: [phase:map, memslot@0xb0018000]
                text: "Exits so far: {{exits.MMIO}}"
                question: {ask: "How many?", measure: exits.MMIO}
              - title: Second
                setup: {mmu: direct}
                stop: end
                text: "{{+pf_taken}} more faults"
            """;

    private Lesson read(String yaml) throws LessonFormatException {
        return library.reader().read("t", "t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_a_lesson_with_setups_stops_highlights_and_questions() throws Exception {
        Lesson l = read(GOOD.replace("measure: exits.MMIO}",
                "measure: exits.MMIO, kind: value}"));
        assertThat(l.title()).isEqualTo("A small lesson");
        LessonStep first = l.steps().get(0);
        assertThat(first.setup()).isEqualTo(new LessonSetup("pci-scan", HoleVariant.ALLONES, MmuMode.TDP,
                "bounded-2m"));
        assertThat(first.stop()).isEqualTo(new StopAt.GpaTouched(0xb0018000L));
        assertThat(first.highlights()).containsExactly(Highlight.parse("phase:map"),
                new Highlight.MemslotAt(0xb0018000L));
        assertThat(first.question()).isEqualTo(new LessonQuestion("How many?", "exits.MMIO", false));
        LessonStep second = l.steps().get(1);
        assertThat(second.setup().mmu()).isEqualTo(MmuMode.DIRECT);
        assertThat(second.setup().variant()).as("overrides apply to the lesson's setup").isEqualTo(HoleVariant.ALLONES);
        assertThat(l.segmentStart(1)).isEqualTo(1);
    }

    @Test
    void every_mistake_names_the_step_and_the_field() {
        expect(GOOD.replace("stop: gpa:0xb0018000", "stop: gap:0xb0018000"),
                "step 1 (\"First\"), field 'stop': unknown stop kind 'gap'");
        expect(GOOD.replace("panes: [faults-pane]", "panes: [fault-pane]"),
                "step 1 (\"First\"), field 'panes': no pane with id 'fault-pane'");
        expect(GOOD.replace("phase:map", "phase:mapping"),
                "step 1 (\"First\"), field 'highlight': unknown fault phase 'mapping'");
        expect(GOOD.replace("{{exits.MMIO}}", "{{exits.mmio}}"),
                "step 1 (\"First\"), field 'text': {{exits.mmio}}: unknown measure 'exits.mmio'");
        expect(GOOD.replace("{{+pf_taken}}", "{{+fault.result}}"),
                "step 2 (\"Second\"), field 'text': {{+fault.result}}: 'fault.result' is not a number");
        expect(GOOD.replace("setup: {mmu: direct}", "setup: {mmu: ept}"),
                "step 2 (\"Second\"), field 'setup.mmu': unknown MMU 'ept'");
        expect(GOOD.replace("    stop: end", "    stopp: end"), "step 2 (\"Second\"), field 'stopp': not a field");
        expect(GOOD.replace("measure: exits.MMIO}", "measure: fault.result}"),
                "step 1 (\"First\"), field 'question.measure': 'fault.result' is not a number");
        expect(GOOD, "step 1 (\"First\"), field 'question.kind': delta needs the next step to run on");
        expect(GOOD.replace("guest: pci-scan", "guest: pci-scan2"), "t.yaml, field 'guest': no sample guest");
        expect(GOOD.replace("format: 1", "format: 2"), "field 'format': this Memscope reads lesson format 1");
        expect(GOOD.replace("  - title: Second\n", "  - titel: Second\n"), "step 2, field 'title': missing");
        expect("steps: [", "t.yaml: not valid YAML");
    }

    @Test
    void a_lesson_file_is_read_from_disk_without_rebuilding(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-lesson.yaml");
        Files.writeString(file, GOOD.replace("measure: exits.MMIO}",
                "measure: exits.MMIO, kind: value}"));
        Lesson l = library.reader().read(file);
        assertThat(l.id()).isEqualTo("my-lesson");
        assertThat(l.origin()).isEqualTo(file.toAbsolutePath().toString());
        assertThatThrownBy(() -> library.reader().read(dir.resolve("missing.yaml")))
                .hasMessageContaining("cannot read lesson file");
    }

    @Test
    void every_built_in_lesson_reads() throws Exception {
        assertThat(library.builtInIds()).containsExactly("sparse-pci", "mmio-spte-generation", "prefetch",
                "pre-fault", "vcpu-map", "shadow-vs-tdp");
        for (String id : library.builtInIds()) {
            assertThat(library.builtIn(id).steps()).as(id).isNotEmpty();
        }
    }

    private void expect(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(LessonFormatException.class)
                .hasMessageContaining(message);
    }
}
