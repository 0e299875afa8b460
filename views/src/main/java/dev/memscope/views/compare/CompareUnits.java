package dev.memscope.views.compare;

/** Values of the compare table in words a reader takes in at a glance: 1,234; 4 KiB; 255.7 MiB; 12.3 µs. */
public final class CompareUnits {
    public static final String COUNT = "count";
    public static final String BYTES = "bytes";
    public static final String NANOS = "ns";

    private CompareUnits() {
    }

    public static String format(long value, String unit) {
        return switch (unit) {
            case BYTES -> bytes(value);
            case NANOS -> nanos(value);
            default -> String.format("%,d", value);
        };
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.1f", v)) + " " + units[u];
    }

    static String nanos(long ns) {
        if (ns < 1_000) {
            return ns + " ns";
        }
        if (ns < 1_000_000) {
            return trim(ns / 1e3) + " \u00b5s";
        }
        if (ns < 1_000_000_000) {
            return trim(ns / 1e6) + " ms";
        }
        return trim(ns / 1e9) + " s";
    }

    /** Three significant digits without trailing zeros: 1.52, 15.2, 152, 2.5, 2. */
    private static String trim(double v) {
        String s = v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v)
                : String.format("%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** For axis ticks: zero is just 0, whatever the unit. */
    static String tick(double value, String unit) {
        long v = Math.round(value);
        return v == 0 ? "0" : format(v, unit);
    }

    /** The unit's axis title: "exits", "bytes", "time". */
    static String axisTitle(String unit) {
        return switch (unit) {
            case BYTES -> "host memory";
            case NANOS -> "time";
            default -> "count";
        };
    }
}
