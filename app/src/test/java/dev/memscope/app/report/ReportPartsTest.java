package dev.memscope.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.session.SessionFile;
import dev.memscope.app.session.SessionJson;
import dev.memscope.app.session.SessionResolver;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.PciTopology;
import dev.memscope.emulator.vmm.VmmScenario;
import dev.memscope.guests.SampleGuests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle made of a report's parts, without a window: its files, its summary, a guest file travelling along. */
class ReportPartsTest {
    private final byte[] elf = SampleGuests.image("hello").orElseThrow();
    private final String sha = sha(elf);

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ReportFacts facts(String backend, String stopAt, boolean exact) {
        return new ReportFacts("my-guest.elf", "/home/me/my-guest.elf", sha, backend, "Linux 6.8 /dev/kvm",
                backend.equals("kvm") ? "6.8.0-test" : null, "allones", List.of(), "kernel", "tdp", "0.1.0-test",
                "17.0.1 (test)", "STOPPED", stopAt, exact, "memory access: read of 4 bytes", null, 120, null, 5_000,
                Map.of("pf_taken", 3L, "pf_fixed", 0L), List.of("a note"));
    }

    private SessionFile session() {
        return new SessionFile("Memscope test", new SessionFile.GuestRef("my-guest.elf", null,
                "/home/me/my-guest.elf", sha), "sim", HoleVariant.ALLONES, "kernel", MmuMode.TDP, MemoryMap.defaults(),
                BootLayout.PageSize.SIZE_2M, VmmScenario.NONE, SessionFile.Device.of(PciTopology.q35Default()),
                Map.of(), List.of(), null, List.of(), new StopAt.Instructions(120), false, "memory access");
    }

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    private ReportParts parts(ReportFacts facts) {
        List<TraceEvent> events = List.of(new TraceEvent(7, 1000, 0, EventKind.KVM_ENTRY, 0x100000, 0, 0, 0, 0, 0));
        return new ReportParts(facts, session(), elf, events, null, List.of(
                new ReportParts.Image(ReportParts.Image.WINDOW, "The Memscope window", PNG, 10, 10),
                new ReportParts.Image("images/cpu.png", "CPU", PNG, 5, 5)));
    }

    @Test
    void a_guest_file_travels_in_the_bundle_and_its_session_finds_it_there(@TempDir Path dir) throws Exception {
        ReportBundle b = parts(facts("sim", "insn:120", false)).bundle();
        assertThat(b.files().keySet()).containsExactly("README.md", "session.json", "trace.txt",
                "trace.perfetto.json", "counters.json", "guest/my-guest.elf", "images/window.png", "images/cpu.png");
        SessionFile inBundle = SessionJson.read(b.files().get("session.json"));
        assertThat(inBundle.guest().file()).isEqualTo("guest/my-guest.elf");
        b.write(dir.resolve("report"));
        SessionResolver.Opened o = SessionResolver.resolve(inBundle, GuestCatalog.builtIn(), dir.resolve("report"));
        assertThat(o.setup().image().sha256()).isEqualTo(sha);
    }

    @Test
    void the_summary_says_when_the_stop_is_only_the_nearest_earlier_one_and_that_events_were_lost() {
        ReportBundle b = parts(facts("sim", "insn:120", false)).bundle();
        String readme = new String(b.files().get("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("| Guest | `my-guest.elf` (file `/home/me/my-guest.elf`, included as `guest/`) |",
                "| Stop position | `insn:120` (the nearest earlier stop Memscope can name; the stop itself was "
                        + "inside an instruction) |", "> Note: a note", "| `pf_taken` | 3 |", "- `guest/`:")
                .doesNotContain("`pf_fixed`", "| Kernel |", "compare.txt");
        String trace = new String(b.files().get("trace.txt"), StandardCharsets.UTF_8);
        assertThat(trace.lines().toList()).element(2).isEqualTo("# events 0..6 were overwritten in the ring before "
                + "they were read");
    }

    @Test
    void on_real_kvm_the_summary_names_the_kernel_and_marks_the_simulator_only_settings() {
        String readme = new String(parts(facts("kvm", "end", true)).bundle().files().get("README.md"),
                StandardCharsets.UTF_8);
        assertThat(readme).contains("| Kernel | `6.8.0-test` |",
                "| MMU mode | `tdp` (the simulated backend's; the kernel uses its own) |",
                "On real KVM the model keeps no event log (`trace.txt` is empty;");
    }

    @Test
    void a_directory_with_files_in_it_is_not_written_over(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.txt"), "keep");
        assertThatThrownBy(() -> parts(facts("sim", "end", true)).bundle().write(dir))
                .hasMessageContaining("is not empty");
        assertThat(Files.readString(dir.resolve("mine.txt"))).isEqualTo("keep");
    }
}
