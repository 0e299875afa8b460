package dev.memscope.app.cli;

import dev.memscope.emulator.api.CompareTable;
import java.util.ArrayList;
import java.util.List;

/** The comparison as a text table and as CSV. */
public final class CompareFormat {
    private CompareFormat() {
    }

    static String header(CompareTable.Column c, boolean showBackend) {
        return c.variant().cliName() + (showBackend ? "/" + c.backend() : "");
    }

    static String value(Long v, String unit) {
        if (v == null) {
            return "-";
        }
        return switch (unit) {
            case "bytes" -> bytes(v);
            case "ns" -> v >= 1_000_000 ? String.format("%.1f ms", v / 1e6) : String.format("%.1f us", v / 1e3);
            default -> String.format("%,d", v);
        };
    }

    static String bytes(long b) {
        if (b >= 1 << 20) {
            return String.format("%.1f MiB", b / (double) (1 << 20));
        }
        if (b >= 1024) {
            return String.format("%.1f KiB", b / 1024.0);
        }
        return b + " B";
    }

    public static String text(CompareTable t) {
        boolean both = t.bothBackends();
        List<String> heads = new ArrayList<>();
        for (CompareTable.Column c : t.columns()) {
            heads.add(header(c, both));
        }
        int labelWidth = Math.max(30, t.rows().stream().mapToInt(r -> r.label().length() + 2).max().orElse(0));
        int[] widths = new int[heads.size()];
        for (int i = 0; i < heads.size(); i++) {
            widths[i] = heads.get(i).length();
            for (CompareTable.Row r : t.rows()) {
                widths[i] = Math.max(widths[i], value(r.value(i), r.unit()).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + labelWidth + "s", t.guest()));
        for (int i = 0; i < heads.size(); i++) {
            sb.append("  ").append(String.format("%" + widths[i] + "s", heads.get(i)));
        }
        sb.append('\n');
        String group = null;
        for (CompareTable.Row r : t.rows()) {
            if (!r.group().equals(group)) {
                group = r.group();
                sb.append(group).append('\n');
            }
            sb.append(String.format("  %-" + (labelWidth - 2) + "s", r.label()));
            for (int i = 0; i < heads.size(); i++) {
                sb.append("  ").append(String.format("%" + widths[i] + "s", value(r.value(i), r.unit())));
            }
            sb.append('\n');
        }
        sb.append(t.consoleIdentical() ? "Console output and exit code: identical in every run.\n"
                : "Console output or exit code DIFFERS between runs (see below).\n");
        for (String d : t.differences()) {
            sb.append("- ").append(d).append('\n');
        }
        return sb.toString();
    }

    static String csv(CompareTable t) {
        StringBuilder sb = new StringBuilder("group,metric,key,unit");
        for (CompareTable.Column c : t.columns()) {
            sb.append(',').append(header(c, true));
        }
        sb.append('\n');
        for (CompareTable.Row r : t.rows()) {
            sb.append(quote(r.group())).append(',').append(quote(r.label())).append(',').append(r.key()).append(',')
                    .append(r.unit());
            for (Long v : r.values()) {
                sb.append(',').append(v == null ? "" : v.toString());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
