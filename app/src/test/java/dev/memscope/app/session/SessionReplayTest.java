package dev.memscope.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.app.catalog.GuestCatalog;
import dev.memscope.app.catalog.GuestSource;
import dev.memscope.app.report.TraceText;
import dev.memscope.app.wiring.Backends;
import dev.memscope.app.wiring.Setups;
import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.emulator.session.Machine;
import dev.memscope.emulator.session.SessionSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session saved mid-debugging (stepped, stopped inside a fault, the variant switched live, breakpoints set, a cost
 * override) is written to JSON, read back, and replayed on a second machine: it stops at the same place and its event
 * log is the original's, line for line.
 */
class SessionReplayTest {
    private final GuestCatalog catalog = GuestCatalog.builtIn();
    private final Machine original = new Machine(new Backends());
    private final Machine replay = new Machine(new Backends());

    @AfterEach
    void close() {
        original.close();
        replay.close();
    }

    private static MachineSnapshot next(Machine m, long version) {
        return MachineWait.until(m, s -> s.version() > version && s.state() != RunState.RUNNING,
                System.nanoTime() + 30_000_000_000L);
    }

    private static List<String> traceLines(Machine m) {
        return TraceText.of(m.eventsSince(0, Integer.MAX_VALUE), "").lines().filter(l -> !l.startsWith("#"))
                .toList();
    }

    @Test
    void a_saved_session_replays_to_the_same_stop_with_an_identical_event_log() throws Exception {
        GuestSource guest = GuestSource.resolve("pci-scan", catalog);
        SessionSetup setup = Setups.forGuest(guest, "none").withVariant(HoleVariant.ALLONES)
                .withPrefetchPolicy("bounded-2m").withCostOverrides(Map.of(EventKind.KVM_MMIO, 750L));
        long main = setup.image().symbols().stream().filter(x -> x.name().equals("main")).findFirst().orElseThrow()
                .value();
        List<Breakpoint> breakpoints = List.of(new Breakpoint.Rip(main), new Breakpoint.SyncValue(0x5EED));
        original.setBreakpoints(breakpoints);
        long v = original.snapshot().version();
        original.load(setup);
        v = next(original, v).version();
        original.run(); // to the breakpoint at main
        MachineSnapshot atMain = next(original, v);
        assertThat(atMain.stopReason()).startsWith("breakpoint at RIP");
        v = atMain.version();
        for (StepKind k : List.of(StepKind.INSTRUCTION, StepKind.INSTRUCTION, StepKind.PAGE_FAULT,
                StepKind.PAGE_FAULT, StepKind.FAULT_PHASE, StepKind.FAULT_PHASE)) {
            original.step(k);
            v = next(original, v).version();
        }
        original.switchVariant(HoleVariant.PCI_HOLE); // live, inside a fault: it waits for the instruction to end
        v = MachineWait.until(original, s -> !s.variantSwitches().isEmpty(), System.nanoTime() + 30_000_000_000L)
                .version();
        for (StepKind k : List.of(StepKind.PAGE_FAULT, StepKind.PAGE_FAULT, StepKind.FAULT_PHASE)) {
            original.step(k);
            v = next(original, v).version();
        }
        MachineSnapshot saved = original.snapshot();
        assertThat(saved.state()).isEqualTo(RunState.STOPPED);
        assertThat(saved.positionExact()).isTrue();
        assertThat(saved.position().text()).startsWith("fault:");

        SessionFile file = SessionCapture.capture(saved, guest, setup, original.breakpoints(), null);
        SessionFile read = SessionJson.read(SessionJson.bytes(file));
        assertThat(read).isEqualTo(file);
        SessionResolver.Opened opened = SessionResolver.resolve(read, catalog, Path.of("."));
        assertThat(opened.setup().variant()).isEqualTo(HoleVariant.ALLONES);
        Replay.Result r = Replay.run(replay, opened.setup(), read.variantSwitches(), read.stopAt(), read.breakpoints(),
                Duration.ofSeconds(60));

        assertThat(r.reached()).as(r.message()).isTrue();
        assertThat(r.snapshot().position()).isEqualTo(saved.position());
        assertThat(r.snapshot().stopReason()).startsWith(saved.stopReason());
        assertThat(r.snapshot().setup().variant()).isEqualTo(HoleVariant.PCI_HOLE);
        assertThat(r.snapshot().instructions()).isEqualTo(saved.instructions());
        assertThat(r.snapshot().modelledNanos()).isEqualTo(saved.modelledNanos());
        assertThat(replay.breakpoints()).isEqualTo(breakpoints);
        List<String> before = traceLines(original);
        List<String> after = traceLines(replay);
        assertThat(before).hasSizeGreaterThan(100);
        for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
            assertThat(after.get(i)).as("event line %d", i + 1).isEqualTo(before.get(i));
        }
        assertThat(after).hasSameSizeAs(before);
    }
}
