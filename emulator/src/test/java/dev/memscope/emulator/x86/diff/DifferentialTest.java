package dev.memscope.emulator.x86.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.backend.kvm.KvmAvailability;
import java.util.ArrayList;
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
            byte[] emu = Sides.emulator(batch);
            byte[] cpu = Sides.kvm(batch);
            for (int i = 0; i < n; i++) {
                String d = Comparison.describe(cases.get(i), batch, emu, cpu, i);
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
}
