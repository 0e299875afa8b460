package dev.memscope.app.gui.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memscope.app.gui.WindowFixture;
import dev.memscope.app.report.TraceText;
import dev.memscope.app.session.Replay;
import dev.memscope.app.session.SessionFile;
import dev.memscope.app.session.SessionJson;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.views.workbench.DockLayout;
import dev.memscope.views.workbench.DockRegion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File > Save session and Open session on the real window, and every refusal leaving the session as it was. */
@ExtendWith(ApplicationExtension.class)
class SessionMenuTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private WindowFixture fx;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private List<String> traceLines() {
        return TraceText.of(fx.machine.eventsSince(0, Integer.MAX_VALUE), "").lines()
                .filter(l -> !l.startsWith("#")).toList();
    }

    /** pci-scan under ALLONES stopped inside its third fault, with the hole hits hidden and the event log in front. */
    private Path saved() throws Exception {
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> fx.window.model().variantProperty().set(HoleVariant.ALLONES));
        fx.stopAt("pci-scan", StopAt.parse("fault:3/faultin_pfn"));
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            fx.window.root().dock().visibleProperty("holehits-pane").set(false);
            fx.window.root().dock().select("events-pane");
        });
        Path file = dir.resolve("scan.memscope.json");
        fx.menus().sessions.save(file).get();
        return file;
    }

    @Test
    void a_saved_session_opens_to_the_same_stop_layout_and_event_log() throws Exception {
        Path file = saved();
        DockLayout layout = WaitForAsyncUtils.asyncFx(() -> fx.window.root().dock().dockLayout()).get();
        assertThat(layout.visible()).doesNotContain("holehits-pane");
        assertThat(layout.selected()).containsEntry(DockRegion.BOTTOM, "events-pane");
        List<String> before = traceLines();
        SessionFile written = SessionJson.read(Files.readAllBytes(file));
        assertThat(written.stopAt().text()).isEqualTo("fault:3/faultin_pfn");
        assertThat(written.layout()).isEqualTo(layout);

        // Somewhere else entirely: another guest, another variant, another layout.
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            fx.window.model().variantProperty().set(HoleVariant.MMIO_EXIT);
            fx.window.root().dock().applyDockLayout(new DockLayout(List.of("cpu-pane", "console-pane"), Map.of()));
        });
        fx.stopAt("hello", new StopAt.End());

        Replay.Result r = fx.menus().sessions.open(file).get();
        assertThat(r.reached()).as(r.message()).isTrue();
        MachineSnapshot s = fx.machine.snapshot();
        assertThat(s.setup().guest()).isEqualTo("pci-scan");
        assertThat(s.position()).isEqualTo(StopAt.parse("fault:3/faultin_pfn"));
        assertThat(traceLines()).isEqualTo(before);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.window.model().variantProperty().get()).isEqualTo(HoleVariant.ALLONES);
        assertThat(fx.window.model().selectedGuestProperty().get().name()).isEqualTo("pci-scan");
        assertThat(WaitForAsyncUtils.asyncFx(() -> fx.window.root().dock().dockLayout()).get()).isEqualTo(layout);
        assertThat(fx.window.model().statusProperty().get()).startsWith("Opened scan.memscope.json: replayed to "
                + "fault:3/faultin_pfn");
        assertThat(fx.problems).isEmpty();
    }

    private String refusal(Path file) throws Exception {
        MachineSnapshot before = fx.machine.snapshot();
        HoleVariant variant = fx.window.model().variantProperty().get();
        assertThat(catchThrowable(() -> fx.menus().sessions.open(file).get())).isNotNull();
        WaitForAsyncUtils.waitForFxEvents();
        // Nothing was loaded: the same machine at the same stop, the same toolbar.
        assertThat(fx.machine.snapshot().version()).isEqualTo(before.version());
        assertThat(fx.machine.snapshot().position()).isEqualTo(before.position());
        assertThat(fx.window.model().variantProperty().get()).isEqualTo(variant);
        assertThat(fx.window.loadedSetup().guestName()).isEqualTo(before.setup().guest());
        assertThat(fx.problems).hasSize(1);
        String message = fx.problems.remove(0);
        return message;
    }

    @Test
    void a_corrupt_file_loads_nothing_and_says_why() throws Exception {
        Path file = saved();
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));
        fx.stopAt("hello", new StopAt.Instructions(5));
        assertThat(refusal(file)).startsWith("Cannot open the session " + file + ": not a Memscope session: the file "
                + "is not valid JSON");
        Files.writeString(file, text.replace("\"variant\" : \"allones\"", "\"variant\" : \"everything\""));
        assertThat(refusal(file)).endsWith("the session's 'variant' is 'everything', not one of mmio-exit, "
                + "readonly-page, allones, pci-hole, single-hva");
        assertThat(refusal(dir.resolve("missing.json"))).contains("missing.json does not exist");
        assertThat(fx.machine.snapshot().state()).isEqualTo(RunState.STOPPED);
    }

    @Test
    void a_file_from_a_newer_memscope_loads_nothing_and_says_why() throws Exception {
        Path file = saved();
        ObjectNode o = (ObjectNode) JSON.readTree(file.toFile());
        o.put("version", 7);
        Files.write(file, JSON.writeValueAsBytes(o));
        fx.stopAt("hello", new StopAt.Instructions(5));
        assertThat(refusal(file)).contains("the session has format version 7", "this Memscope reads version 1");
    }

    @Test
    void a_guest_whose_hash_does_not_match_loads_nothing_and_says_why() throws Exception {
        Path file = saved();
        String sha = fx.machine.snapshot().setup().imageSha256();
        String other = "0".repeat(64);
        Files.writeString(file, Files.readString(file).replace(sha, other), StandardCharsets.UTF_8);
        fx.stopAt("hello", new StopAt.Instructions(5));
        assertThat(refusal(file)).contains("the guest 'pci-scan' of the catalog is not the one the session was saved "
                + "with: its SHA-256 is " + sha + ", the session recorded " + other);
    }
}
