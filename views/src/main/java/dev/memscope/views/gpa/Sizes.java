package dev.memscope.views.gpa;

/** Byte sizes for people: {@code 64 MiB}, {@code 254.99 MiB}, {@code 28 KiB}. */
public final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Sizes() {
    }

    public static String of(long bytes) {
        if (bytes < 0) {
            return Long.toUnsignedString(bytes) + " B";
        }
        int u = 0;
        double v = bytes;
        while (u < UNITS.length - 1 && v >= 1024) {
            v /= 1024;
            u++;
        }
        if (v == Math.rint(v)) {
            return (long) v + " " + UNITS[u];
        }
        String s = String.format(java.util.Locale.ROOT, "%.2f", v);
        if (s.endsWith(".00")) { // not exact, so never print it as if it were: 65279 pages are 254.99 MiB
            s = String.format(java.util.Locale.ROOT, "%.2f", Math.floor(v * 100) / 100);
        }
        return s + " " + UNITS[u];
    }
}
