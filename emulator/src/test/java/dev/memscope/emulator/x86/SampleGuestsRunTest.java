package dev.memscope.emulator.x86;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Every sample guest runs to exit code 0 on the emulator and prints what an independent computation (here, in
 * Java) says it must.
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
        int n = 4_000_000;
        boolean[] composite = new boolean[n];
        int count = 0;
        int last = 0;
        for (int i = 2; i < n; i++) {
            if (!composite[i]) {
                count++;
                last = i;
                for (long j = (long) i * i; j < n; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        assertThat(runOk("sieve", 200_000_000).console())
                .isEqualTo("primes below 4000000: " + count + " (largest " + last + ")\n");
    }

    @Test
    void crc_matches_java_crc32_and_a_java_sort() {
        CRC32 fox = new CRC32();
        fox.update("The quick brown fox jumps over the lazy dog".getBytes());
        CRC32 check = new CRC32();
        check.update("123456789".getBytes());
        int count = 20000;
        long[] values = new long[count];
        int x = (int) 2463534242L;
        for (int i = 0; i < count; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            values[i] = x & 0xFFFFFFFFL;
        }
        Arrays.sort(values);
        ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        CRC32 sorted = new CRC32();
        sorted.update(b.array());
        String expected = String.format("crc32(\"The quick brown fox jumps over the lazy dog\") = %08x%n"
                + "crc32(\"123456789\") = %08x%n"
                + "sorted %d numbers: min %d median %d max %d, crc32 of the sorted array %08x%n",
                fox.getValue(), check.getValue(), count, values[0], values[count / 2], values[count - 1],
                sorted.getValue());
        assertThat(runOk("crc", 100_000_000).console()).isEqualTo(expected);
    }

    @Test
    void memtouch_reports_sums_of_what_it_wrote() {
        int region = 16 << 20;
        int pages = region / 4096;
        byte[] mem = new byte[region];
        long sum = 0;
        for (int p = 0; p < pages; p++) {
            mem[p * 4096 + (p % 64) * 8] = (byte) (p * 7 + 1);
            sum += (p * 7 + 1) & 0xFF;
        }
        long strided = 0;
        for (int off = 0; off < region; off += 64 * 1024 + 64) {
            strided += mem[off] & 0xFF;
        }
        PlainRunner.Result r = runOk("memtouch", 100_000_000);
        assertThat(r.console()).isEqualTo(String.format("memtouch: touched %d pages, sum %d, strided %d, copied "
                + "1024 KiB%n", pages, sum, strided));
        assertThat(r.syncValues()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void bench_matches_a_java_model_of_the_workload() {
        long x = 88172645463325252L;
        long acc = 0;
        long[] buffer = new long[8192];
        int iterations = 4_000_000;
        for (int n = 0; n < iterations; n++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            int i = (int) (x >>> 3) & 8191;
            long old = buffer[i];
            buffer[i] = old + acc;
            buffer[i ^ 1] ^= x;
            long other = buffer[(i + 97) & 8191];
            acc = acc + (old ^ (x >>> 29)) + (other >>> 1);
        }
        long fold = 0;
        for (long v : buffer) {
            fold = fold * 31 + v;
        }
        PlainRunner.Result r = runOk("bench", 400_000_000);
        assertThat(r.console()).isEqualTo(String.format("bench: %d iterations, x %016x, acc %016x, buffer fold "
                + "%016x%n", iterations, x, acc, fold));
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
