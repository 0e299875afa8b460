package dev.memscope.emulator.guests;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/** What the compute-heavy sample guests print, recomputed in Java from their C sources. */
public final class ExpectedCompute {
    private ExpectedCompute() {
    }

    /** sieve.c: the primes below 4,000,000, their count and the largest. */
    public static String sieve() {
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
        return String.format("primes below %d: %d (largest %d)\n", n, count, last);
    }

    /** crc.c: java.util.zip.CRC32 is the same IEEE 802.3 CRC; Arrays.sort stands in for the heap sort. */
    public static String crc() {
        String fox = "The quick brown fox jumps over the lazy dog";
        String check = "123456789";
        int count = 20000;
        long[] values = new long[count];
        int x = (int) 2463534242L; // xorshift32, Marsaglia 2003
        for (int i = 0; i < count; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            values[i] = x & 0xFFFFFFFFL;
        }
        Arrays.sort(values);
        ByteBuffer sorted = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            sorted.putInt((int) v);
        }
        return String.format("crc32(\"%s\") = %08x\ncrc32(\"%s\") = %08x\n"
                + "sorted %d numbers: min %d median %d max %d, crc32 of the sorted array %08x\n", fox,
                crc32(fox.getBytes()), check, crc32(check.getBytes()), count, values[0], values[count / 2],
                values[count - 1], crc32(sorted.array()));
    }

    private static long crc32(byte[] bytes) {
        CRC32 c = new CRC32();
        c.update(bytes);
        return c.getValue();
    }

    /** memtouch.c: one byte per page of 16 MiB, then a strided read every 64 KiB + 64 bytes. */
    public static String memtouch() {
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
        return String.format("memtouch: touched %d pages, sum %d, strided %d, copied 1024 KiB\n", pages, sum,
                strided);
    }

    /** bench.c: xorshift64, the loads and stores of mix() over 8192 u64s, 4,000,000 iterations, then the fold. */
    public static String bench() {
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
        return String.format("bench: %d iterations, x %016x, acc %016x, buffer fold %016x\n", iterations, x, acc,
                fold);
    }
}
