package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.RunResult;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.trace.EventLog;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Translating hot guest code to JVM bytecode changes nothing but speed: every catalog guest, on the KVM model, run
 * once interpreted and once with every trace translated the first time it runs, ends with the same console, exit
 * code, instruction count, exits, kernel counters, modelled time and the same event log, event for event.
 */
class BlockTranslationTest {
    static Stream<Arguments> runs() {
        Stream<Arguments> tdp = CatalogCoverageTest.COVERED.stream().sorted().map(g -> Arguments.of(g, MmuMode.TDP));
        Stream<Arguments> others = Stream.of("hello", "pci-scan", "boot-touch", "prefault", "dirty-log", "guest-map",
                "pagewalk", "memtouch").flatMap(g -> Stream.of(Arguments.of(g, MmuMode.SHADOW),
                        Arguments.of(g, MmuMode.DIRECT)));
        return Stream.concat(tdp, others);
    }

    private record Observed(RunResult result, long events, List<String> lastEvents, long translated) {
    }

    private static Observed run(String guest, MmuMode mmu, int blockThreshold) throws Exception {
        SessionSetup setup = GuestRuns.setup(guest).withMmu(mmu);
        AtomicReference<SimBackend> made = new AtomicReference<>();
        RunResult r = BatchRun.run(setup, s -> {
            SimBackend sim = SimBackend.create(new SimOptions(s.mmu(), s.prefetchPolicy(), true));
            sim.cpu().setBlockThreshold(blockThreshold);
            made.set(sim);
            return sim;
        }, BatchRun.Limits.defaults());
        EventLog log = made.get().kvm().log();
        long from = Math.max(0, log.nextSeq() - 20_000);
        return new Observed(r, log.nextSeq(), log.lines(from), made.get().cpu().blocksTranslated());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void translated_blocks_change_nothing_but_speed(String guest, MmuMode mmu) throws Exception {
        Observed interpreted = run(guest, mmu, 0);
        Observed translated = run(guest, mmu, 1);
        assertThat(interpreted.result().exitCode()).as("exit code; failure: %s", interpreted.result().failure())
                .isEqualTo(0L);
        assertThat(interpreted.translated()).isZero();
        assertThat(translated.translated()).as("blocks translated").isPositive();
        assertThat(translated.result()).usingRecursiveComparison().ignoringFields("wallNanos")
                .isEqualTo(interpreted.result());
        assertThat(translated.events()).as("events recorded").isEqualTo(interpreted.events());
        assertThat(translated.lastEvents()).containsExactlyElementsOf(interpreted.lastEvents());
    }
}
