package dev.memscope.app.gui.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.app.gui.WindowFixture;
import dev.memscope.app.report.ReportParts;
import dev.memscope.app.session.SessionFile;
import dev.memscope.app.session.SessionJson;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.views.workbench.DockLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File > Export bug report on the real window: the zip's files, its pictures and its summary (issue 8, "Tests"). */
@ExtendWith(ApplicationExtension.class)
class BugReportTest {
    private WindowFixture fx;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static Map<String, byte[]> unzip(Path zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(java.nio.file.Files.newInputStream(zip))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }

    /** The bundle is also left unzipped in target/bug-report/, to look at. */
    private static void keepForReview(Map<String, byte[]> files) throws Exception {
        Path keep = Path.of("target", "bug-report");
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path p = keep.resolve(e.getKey());
            java.nio.file.Files.createDirectories(p.getParent());
            java.nio.file.Files.write(p, e.getValue());
        }
    }

    /** Distinct colours over a grid of the picture: one for a blank image. */
    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void the_exported_zip_holds_the_session_trace_counters_readme_and_a_picture_of_each_shown_pane(@TempDir Path dir)
            throws Exception {
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            fx.window.model().variantProperty().set(HoleVariant.ALLONES);
            fx.window.model().prefetchPolicyProperty().set("bounded-2m");
        });
        MachineSnapshot stop = fx.stopAt("pci-scan", StopAt.parse("fault:3/faultin_pfn"));
        assertThat(stop.position()).isEqualTo(StopAt.parse("fault:3/faultin_pfn"));
        DockLayout layout = WaitForAsyncUtils.asyncFx(() -> fx.window.root().dock().dockLayout()).get();
        Map<String, String> titles = fx.window.root().paneTitles();

        Path zip = dir.resolve("bug.zip");
        fx.menus().exports.exportReport(zip).get();

        Map<String, byte[]> files = unzip(zip);
        keepForReview(files);
        List<String> panes = layout.visible().stream().map(ReportParts.Image::paneFile).toList();
        assertThat(files.keySet()).allMatch(n -> n.startsWith("bug/"));
        Map<String, byte[]> f = new LinkedHashMap<>();
        files.forEach((k, v) -> f.put(k.substring("bug/".length()), v));
        assertThat(f.keySet()).contains("README.md", "session.json", "trace.txt", "trace.perfetto.json",
                "counters.json", "images/window.png").containsAll(panes).doesNotContain("compare.txt");
        assertThat(panes).hasSameSizeAs(titles.keySet()); // every docked pane is shown by default

        BufferedImage window = ImageIO.read(new ByteArrayInputStream(f.get("images/window.png")));
        assertThat(window.getWidth()).isEqualTo(1280); // Monocle's output scale is 1
        assertThat(window.getHeight()).isEqualTo(800);
        assertThat(colours(window)).isGreaterThan(16);
        for (String p : panes) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.get(p)));
            assertThat(image).as(p + " decodes").isNotNull();
            assertThat(image.getWidth()).as(p).isBetween(100, 1280);
            assertThat(image.getHeight()).as(p).isBetween(100, 800);
            assertThat(colours(image)).as(p + " is not blank").isGreaterThan(4);
        }
        // The layout the user had is back.
        assertThat(WaitForAsyncUtils.asyncFx(() -> fx.window.root().dock().dockLayout()).get()).isEqualTo(layout);

        SessionFile session = SessionJson.read(f.get("session.json"));
        assertThat(session.stopAt()).isEqualTo(stop.position());
        assertThat(session.variant()).isEqualTo(HoleVariant.ALLONES);
        assertThat(session.layout()).isEqualTo(layout);

        String trace = new String(f.get("trace.txt"), StandardCharsets.UTF_8);
        assertThat(trace.lines().filter(l -> !l.startsWith("#")).count()).isEqualTo(stop.lastEventSeq() + 1);
        assertThat(trace).contains("kvm_page_fault:", "memscope:fault_phase:");
        assertThat(new String(f.get("counters.json"), StandardCharsets.UTF_8)).contains("\"pf_taken\"");

        String readme = new String(f.get("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("| Guest | `pci-scan` (sample-guest catalog) |",
                "| Guest SHA-256 | `" + stop.setup().imageSha256() + "` |", "| Hole variant | `allones` |",
                "| Prefetch policy | `bounded-2m` |", "| MMU mode | `tdp` |", "| Backend | `sim`",
                "| Stop position | `fault:3/faultin_pfn` |", "| Last fault | in progress: #3 at gpa 0x",
                "| Memscope | ", "| JDK | " + System.getProperty("java.version"));
        // Every picture is embedded with a relative link to a file of the bundle, under the pane's title.
        Matcher links = Pattern.compile("!\\[([^]]*)]\\(([^)]+)\\)").matcher(readme);
        Set<String> linked = new HashSet<>();
        while (links.find()) {
            assertThat(f).as("link target " + links.group(2)).containsKey(links.group(2));
            linked.add(links.group(2));
        }
        assertThat(linked).containsAll(panes).contains("images/window.png");
        for (String id : layout.visible()) {
            assertThat(readme).contains("### " + titles.get(id) + "\n\n![" + titles.get(id) + "]("
                    + ReportParts.Image.paneFile(id) + ")");
        }
        assertThat(fx.problems).isEmpty();
    }

    @Test
    void pictures_are_rendered_at_the_output_scale_with_the_size_of_what_they_show() throws Exception {
        fx.stopAt("hello", new StopAt.Instructions(10));
        ReportParts parts = ReportCollector.collect(fx.window, 2);
        ReportParts.Image window = parts.images().get(0);
        assertThat(window.isWindow()).isTrue();
        BufferedImage w = ImageIO.read(new ByteArrayInputStream(window.png()));
        assertThat(w.getWidth()).isEqualTo(2560);
        assertThat(w.getHeight()).isEqualTo(1600);
        String id = "faults-pane";
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> fx.window.root().dock().select(id));
        Bounds b = WaitForAsyncUtils.asyncFx(() -> fx.window.root().dock().content(id).getLayoutBounds()).get();
        ReportParts.Image faults = parts.images().stream().filter(i -> i.path().equals("images/faults.png"))
                .findFirst().orElseThrow();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(faults.png()));
        assertThat((double) img.getWidth()).isCloseTo(2 * b.getWidth(), org.assertj.core.data.Offset.offset(2.0));
        assertThat((double) img.getHeight()).isCloseTo(2 * b.getHeight(), org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void a_report_of_a_running_machine_is_refused_with_the_reason() throws Exception {
        fx.stopAt("pci-scan-naive", new StopAt.Instructions(1000));
        fx.machine.run();
        fx.await(s -> s.position() == null);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> fx.menus().exports
                .exportReport(java.nio.file.Files.createTempDirectory("r").resolve("x.zip")).get());
        assertThat(t).isNotNull();
        fx.machine.pause();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.problems).hasSize(1);
        assertThat(fx.problems.get(0)).startsWith("Cannot export the bug report: the machine is running")
                .contains("pause it first");
    }
}
