package dev.memscope.emulator.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.guests.ExpectedCompute;
import org.junit.jupiter.api.Test;

/**
 * Every sample guest runs to exit code 0 on the emulator and prints what an independent computation (here, in
 * Java: {@link ExpectedCompute}) says it must.
 */
class SampleGuestsRunTest {
    private static PlainRunner.Result runOk(String name, long budget) {
        PlainRunner.Result r = Guests.run(name, budget);
        assertThat(r.stopMessage()).as(name + " stop message; console:\n" + r.console()).isNull();
        assertThat(r.exitCode()).as(name + " exit code; console:\n" + r.console()).isZero();
        return r;
    }

    @Test
    void hello_prints_ram_size_and_ecam_base() {
        assertThat(runOk("hello", 1_000_000).console())
                .isEqualTo("Hello from a Memscope guest: 64 MiB of RAM, ECAM at 0xb0000000.\n");
    }

    @Test
    void sieve_counts_the_primes_below_four_million() {
        assertThat(runOk("sieve", 200_000_000).console()).isEqualTo(ExpectedCompute.sieve());
    }

    @Test
    void crc_matches_java_crc32_and_a_java_sort() {
        assertThat(runOk("crc", 100_000_000).console()).isEqualTo(ExpectedCompute.crc());
    }

    @Test
    void memtouch_reports_sums_of_what_it_wrote() {
        PlainRunner.Result r = runOk("memtouch", 100_000_000);
        assertThat(r.console()).isEqualTo(ExpectedCompute.memtouch());
        assertThat(r.syncValues()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void bench_matches_a_java_model_of_the_workload() {
        assertThat(runOk("bench", 400_000_000).console()).isEqualTo(ExpectedCompute.bench());
    }

    @Test
    void pagewalk_handles_its_own_faults_with_the_sdm_error_codes() {
        PlainRunner.Result r = runOk("pagewalk", 10_000_000);
        // Error codes per Intel SDM Vol. 3, 4.7: P=1, W/R=2, U/S=4, RSVD=8, I/D=16.
        assertThat(r.console()).contains(
                "  #PF 0: cr2 40000000 error 0\n", // not present, read
                "  #PF 1: cr2 40001008 error 2\n", // not present, write
                "  #PF 2: cr2 40002018 error 3\n", // protection (read-only), write
                "  #PF 3: cr2 40004000 error 11\n", // protection (NX), instruction fetch
                "#BP, #UD and #DE handled by the guest\n",
                "pagewalk: all checks passed\n");
        assertThat(r.console()).containsPattern("  #PF 4: cr2 10000[0-9a-f]{6} error 9\n"); // reserved bit, read
    }
}
