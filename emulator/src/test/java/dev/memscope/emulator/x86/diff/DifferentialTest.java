package dev.memscope.emulator.x86.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.backend.kvm.KvmAvailability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The emulator against the real CPU (this machine's /dev/kvm): seeded random cases of every ALU, shift, rotate,
 * multiply, divide and bit instruction, batched into guest images, run on both, compared register by register,
 * RFLAGS and memory. {@code memscope.diff.cases} sets the number of cases (10,000 by default; -Pnightly raises it).
 */
class DifferentialTest {
    static final long SEED = 0x5EED_0003L;
    static final int BATCH = 10_000;

    static int caseCount() {
        return Integer.getInteger("memscope.diff.cases", 10_000);
    }

    @Test
    void emulator_matches_the_real_cpu_on_random_instruction_cases() throws Exception {
        KvmAvailability kvm = KvmAvailability.probe();
        assumeTrue(kvm.usable(), () -> "real KVM not usable here, so there is no CPU to compare with: "
                + kvm.reason());
        int total = caseCount();
        CaseGenerator gen = new CaseGenerator(SEED);
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> byName = new TreeMap<>();
        int compared = 0;
        for (int done = 0; done < total; done += BATCH) {
            int n = Math.min(BATCH, total - done);
            List<DiffCase> cases = gen.generate(n, BatchImage.memBaseFor(n));
            BatchImage batch = BatchImage.build(cases);
            byte[] emu = Sides.emulator(batch, 0);
            byte[] translated = Sides.emulator(batch, 1);
            byte[] cpu = Sides.kvm(batch);
            for (int i = 0; i < n; i++) {
                String d = Comparison.describe(cases.get(i), batch, emu, cpu, i);
                if (d == null) {
                    d = Comparison.describe(cases.get(i), batch, translated, cpu, i);
                    d = d == null ? null : "translated to JVM bytecode: " + d;
                }
                compared++;
                if (d != null) {
                    byName.merge(cases.get(i).name(), 1, Integer::sum);
                    if (mismatches.size() < 40) {
                        mismatches.add(d);
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(total);
        assertThat(byName).as("mismatching cases by instruction (of %d); first ones:%n%s", total,
                String.join("\n", mismatches)).isEmpty();
    }

    /**
     * The same cases interpreted and translated to JVM bytecode ({@code BlockCompiler}, every trace the first time
     * it runs) end in the same registers, RFLAGS and memory; this needs no /dev/kvm.
     */
    @Test
    void translated_blocks_match_the_interpreter_on_random_instruction_cases() throws Exception {
        int n = Math.min(BATCH, caseCount());
        List<DiffCase> cases = new CaseGenerator(SEED + 1).generate(n, BatchImage.memBaseFor(n));
        BatchImage batch = BatchImage.build(cases);
        byte[] interpreted = Sides.emulator(batch, 0);
        byte[] translated = Sides.emulator(batch, 1);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Exactly equal, undefined flags included: both sides are the same emulator.
            if (!Arrays.equals(batch.outputOf(translated, i), batch.outputOf(interpreted, i))
                    || !Arrays.equals(batch.memoryOf(translated, i), batch.memoryOf(interpreted, i))) {
                String d = Comparison.describe(cases.get(i), batch, translated, interpreted, i);
                if (mismatches.size() < 40) {
                    mismatches.add(d != null ? d : "case " + i + " " + cases.get(i).name() + ": undefined flags differ");
                }
            }
        }
        assertThat(mismatches).as("cases where the translated block differs from the interpreter "
                + "(\"cpu\" is the interpreter here)").isEmpty();
    }
}
