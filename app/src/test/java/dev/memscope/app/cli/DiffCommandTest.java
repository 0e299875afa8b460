package dev.memscope.app.cli;

import static dev.memscope.app.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.app.session.SessionCapture;
import dev.memscope.app.session.SessionFile;
import dev.memscope.app.session.SessionJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memscope diff}: where two traces or sessions first diverge; 0 when identical, 1 when not. */
class DiffCommandTest {
    @TempDir
    Path dir;
    private Path allones;
    private Path pciHole;

    private Path trace(String name, String... options) {
        Path out = dir.resolve(name);
        String[] args = new String[options.length + 4];
        args[0] = "trace";
        args[1] = "pci-scan";
        System.arraycopy(options, 0, args, 2, options.length);
        args[args.length - 2] = "--out";
        args[args.length - 1] = out.toString();
        assertThat(run(args).exitCode()).isZero();
        return out;
    }

    @BeforeEach
    void traces() {
        allones = trace("allones.txt", "--variant", "allones", "--stop-at", "fault:5");
        pciHole = trace("pci-hole.txt", "--variant", "pci-hole", "--stop-at", "fault:5");
    }

    @Test
    void the_same_run_twice_is_identical() {
        Path again = trace("again.txt", "--variant", "allones", "--stop-at", "fault:5");
        CommandLineTest.Result r = run("diff", allones.toString(), again.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).matches("identical: \\d+ events\\s*");
    }

    @Test
    void two_variants_differ_at_the_first_hole_memslot_and_the_lines_are_shown() throws Exception {
        CommandLineTest.Result r = run("diff", allones.toString(), pciHole.toString());
        assertThat(r.exitCode()).isEqualTo(DiffCommand.DIFFERENT);
        List<String> a = Files.readAllLines(allones);
        List<String> b = Files.readAllLines(pciHole);
        int line = 0;
        while (a.get(line).equals(b.get(line)) || a.get(line).startsWith("#")) {
            line++;
        }
        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).startsWith(allones + " and " + pciHole + " first differ at event ");
        assertThat(out).contains("- " + a.get(line) + "    (line " + (line + 1) + " of " + allones + ")",
                "+ " + b.get(line) + "    (line " + (line + 1) + " of " + pciHole + ")");
        assertThat(a.get(line)).contains("memslot_commit", "flags 0x100"); // ALLONES, then PCI_HOLE (0x200)
    }

    @Test
    void a_shorter_trace_differs_where_it_ends() throws Exception {
        Path shorter = dir.resolve("shorter.txt");
        List<String> lines = Files.readAllLines(allones);
        Files.write(shorter, lines.subList(0, lines.size() - 2));
        CommandLineTest.Result r = run("diff", allones.toString(), shorter.toString());
        assertThat(r.exitCode()).isEqualTo(DiffCommand.DIFFERENT);
        assertThat(r.out()).contains("+ (" + shorter + " ends here)");
    }

    @Test
    void a_session_is_replayed_and_compared_by_its_event_log() throws Exception {
        // The session of the allones run, made by `report`'s sibling: trace a session file written from the plan.
        Path session = dir.resolve("allones.memscope.json");
        RunPlan plan = RunPlan.of(options("pci-scan", "--variant", "allones", "--stop-at", "fault:5"),
                dev.memscope.app.catalog.GuestCatalog.builtIn());
        try (var machine = new dev.memscope.emulator.session.Machine(new dev.memscope.app.wiring.Backends())) {
            HeadlessRun.Outcome o = HeadlessRun.run(plan, java.time.Duration.ofSeconds(60), machine);
            SessionFile s = SessionCapture.capture(o.result().snapshot(), plan.guest(), plan.setup(), List.of(),
                    null);
            Files.write(session, SessionJson.bytes(s));
        }
        assertThat(run("diff", session.toString(), allones.toString()).exitCode()).isZero();
        assertThat(run("diff", pciHole.toString(), session.toString()).exitCode()).isEqualTo(DiffCommand.DIFFERENT);
    }

    @Test
    void inputs_that_cannot_be_compared_are_refused() throws Exception {
        Path perfetto = dir.resolve("p.json");
        assertThat(run("trace", "hello", "--format", "perfetto", "--out", perfetto.toString()).exitCode()).isZero();
        assertThat(run("diff", perfetto.toString(), perfetto.toString()).exitCode()).isZero();
        CommandLineTest.Result mixed = run("diff", perfetto.toString(), allones.toString());
        assertThat(mixed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(mixed.err()).contains("cannot compare a Perfetto trace with a text trace");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": \"memscope-session\", \"version\": 1");
        assertThat(run("diff", broken.toString(), allones.toString()).err()).contains("is not valid JSON");
        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, "{\"format\": \"memscope-session\", \"version\": 2}");
        CommandLineTest.Result r = run("diff", newer.toString(), allones.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("format version 2");
        assertThat(run("diff", dir.resolve("none.txt").toString(), allones.toString()).exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
    }

    private static PlanOptions options(String... args) {
        PlanOptions o = new PlanOptions();
        new picocli.CommandLine(o).parseArgs(args);
        return o;
    }
}
