package dev.memscope.emulator.x86.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.backend.kvm.KvmAvailability;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential cases where no /dev/kvm is at hand: 2,000 seeded cases whose results the real CPU (this project's
 * AMD EPYC, through kvm_pvm, ring 3) produced are committed as {@code cpu-results-*.bin.gz}; the emulator must produce
 * the same bytes. Where /dev/kvm works, a second test checks that the recording still matches the CPU (and
 * {@code -Dmemscope.diff.record=true} rewrites it from the CPU).
 */
class RecordedCpuTest {
    static final long SEED = 0x5EED_0004L;
    static final int COUNT = 2000;
    static final String RESOURCE = "cpu-results-" + Long.toHexString(SEED) + "-" + COUNT + ".bin.gz";

    static List<DiffCase> cases() {
        return new CaseGenerator(SEED).generate(COUNT, BatchImage.memBaseFor(COUNT));
    }

    private static byte[] recording() throws IOException {
        try (InputStream in = RecordedCpuTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("the recorded CPU results " + RESOURCE).isNotNull();
            return new GZIPInputStream(in).readAllBytes();
        }
    }

    /** Interpreted (0), and with every trace translated to JVM bytecode the first time it runs (1). */
    @ParameterizedTest(name = "block threshold {0}")
    @ValueSource(ints = {0, 1})
    void emulator_matches_the_recorded_cpu_results(int blockThreshold) throws Exception {
        List<DiffCase> cases = cases();
        BatchImage batch = BatchImage.build(cases);
        byte[] cpu = recording();
        byte[] emu = Sides.emulator(batch, blockThreshold);
        assertThat(cpu).hasSize(emu.length);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String d = Comparison.describe(cases.get(i), batch, emu, cpu, i);
            if (d != null && mismatches.size() < 20) {
                mismatches.add(d);
            }
        }
        assertThat(mismatches).as("cases where the emulator differs from the recorded CPU").isEmpty();
    }

    @Test
    void the_recording_is_what_this_cpu_produces() throws Exception {
        KvmAvailability kvm = KvmAvailability.probe();
        assumeTrue(kvm.usable(), () -> "real KVM not usable here, so the recording cannot be checked: "
                + kvm.reason());
        BatchImage batch = BatchImage.build(cases());
        byte[] cpu = Sides.kvm(batch);
        if (Boolean.getBoolean("memscope.diff.record")) {
            Path out = Path.of("src/test/resources/dev/memscope/emulator/x86/diff", RESOURCE);
            try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(out))) {
                gz.write(cpu);
            }
        }
        List<DiffCase> cases = cases();
        byte[] recorded = recording();
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String d = Comparison.describe(cases.get(i), batch, recorded, cpu, i);
            if (d != null && mismatches.size() < 20) {
                mismatches.add(d);
            }
        }
        assertThat(mismatches).as("recorded results that this CPU no longer produces (re-record with "
                + "-Dmemscope.diff.record=true)").isEmpty();
    }
}
