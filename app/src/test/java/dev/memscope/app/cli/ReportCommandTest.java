package dev.memscope.app.cli;

import static dev.memscope.app.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * {@code memscope report} writes the bug-report bundle without a display. (TestFX starts JavaFX here, on Monocle as
 * the command would, so the order of test classes does not matter.)
 */
@ExtendWith(ApplicationExtension.class)
class ReportCommandTest {
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        // JavaFX is running; the command builds its own window.
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void a_report_to_a_directory_and_its_session_replayed_to_the_same_trace() throws Exception {
        Path first = dir.resolve("first");
        CommandLineTest.Result r = run("report", "pci-scan", "--variant", "allones", "--prefetch", "bounded-2m",
                "--stop-at", "fault:4/faultin_pfn", "--size", "1280x800", "--compare", "--out", first.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(files(first)).contains("README.md", "session.json", "trace.txt", "trace.perfetto.json",
                "counters.json", "images/window.png", "images/faults.png", "images/memslots.png");
        BufferedImage window = ImageIO.read(first.resolve("images/window.png").toFile());
        assertThat(window.getWidth()).isEqualTo(1280);
        assertThat(window.getHeight()).isEqualTo(800);
        String readme = Files.readString(first.resolve("README.md"));
        assertThat(readme).contains("| Stop position | `fault:4/faultin_pfn` |", "| Hole variant | `allones` |",
                "| Prefetch policy | `bounded-2m` |", "## Compare", "- `compare.txt`");
        assertThat(Files.readAllLines(first.resolve("compare.txt")).get(0)).startsWith("pci-scan").contains(
                "mmio-exit", "readonly-page", "allones", "pci-hole", "single-hva");

        Path second = dir.resolve("second.zip");
        CommandLineTest.Result again = run("report", first.resolve("session.json").toString(), "--out",
                second.toString(), "--size", "800x600", "--scale", "2");
        assertThat(again.exitCode()).as(again.err()).isZero();
        Path unzipped = dir.resolve("unzipped");
        try (var z = new java.util.zip.ZipInputStream(Files.newInputStream(second))) {
            for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                Path p = unzipped.resolve(e.getName());
                Files.createDirectories(p.getParent());
                Files.write(p, z.readAllBytes());
            }
        }
        Path root = unzipped.resolve("second");
        assertThat(Files.readAllLines(root.resolve("trace.txt"))).isEqualTo(Files.readAllLines(first.resolve(
                "trace.txt")));
        BufferedImage hidpi = ImageIO.read(root.resolve("images/window.png").toFile());
        assertThat(hidpi.getWidth()).isEqualTo(1600);
        assertThat(hidpi.getHeight()).isEqualTo(1200);
    }

    @Test
    void a_stop_never_reached_still_writes_the_report_and_exits_128() throws Exception {
        Path out = dir.resolve("late.zip");
        CommandLineTest.Result r = run("report", "hello", "--stop-at", "exit:100000", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err()).contains("the run did not reach exit:100000");
        assertThat(out).exists();
    }

    @Test
    void bad_targets_and_sessions_are_refused_before_anything_runs() throws Exception {
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        CommandLineTest.Result r = run("report", "hello", "--out", busy.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is not empty");
        assertThat(files(busy)).containsExactly("notes.txt");

        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, "{\"format\": \"memscope-session\", \"version\": 2}");
        CommandLineTest.Result n = run("report", newer.toString(), "--out", dir.resolve("n.zip").toString());
        assertThat(n.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(n.err()).contains("format version 2");
        assertThat(run("report", newer.toString(), "--mmu", "shadow", "--out", dir.resolve("m.zip").toString())
                .err()).contains("a session brings its own setup and stop");
        assertThat(run("report", "nothing-here", "--out", dir.resolve("x.zip").toString()).exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run("report", "hello", "--size", "big", "--out", dir.resolve("y.zip").toString()).exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void a_report_on_real_kvm_carries_the_kernel_own_tracepoints() throws Exception {
        TraceCommandTest.assumeKernelTracing();
        Path out = dir.resolve("kvm");
        CommandLineTest.Result r = run("report", "hello", "--backend", "kvm", "--size", "1024x700", "--out",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(files(out)).contains("kernel-trace.txt", "trace.txt", "README.md");
        assertThat(Files.readAllLines(out.resolve("kernel-trace.txt")))
                .anyMatch(l -> l.contains(" kvm_pio: pio_write at 0xe9 size 1 count 1 val 0x48"));
        assertThat(Files.readString(out.resolve("README.md"))).contains("## The kernel's tracepoints",
                "- `kernel-trace.txt`: the kernel's own `kvm` and `kvmmmu` tracepoints of this run");
    }
}
