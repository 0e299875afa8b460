package dev.memscope.app.report;

import dev.memscope.emulator.api.VariantSwitch;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code README.md} of a bug report: what ran, how, and where it stopped, then the pictures (relative links, so
 * they show on a code host and in an unzipped directory), the counters, the comparison, and what each file is.
 */
public final class ReportReadme {
    private ReportReadme() {
    }

    static String of(ReportFacts f, List<ReportParts.Image> images, boolean hasCompare, boolean hasGuestFile) {
        StringBuilder md = new StringBuilder();
        md.append("# Memscope report: ").append(f.guest()).append(f.stopAt() == null ? "" : " at " + f.stopAt())
                .append("\n\n");
        md.append("Open `session.json` in Memscope (File > Open session..., or `memscope report session.json --out "
                + "DIR`) to run the guest again to this stop");
        md.append(f.simulated() ? ": the simulated machine is deterministic, so the event log in `trace.txt` comes "
                + "out the same.\n\n" : ". On real KVM the model keeps no event log (`trace.txt` is empty; `memscope "
                + "report --backend kvm` adds the kernel's own tracepoints as `kernel-trace.txt`); the run is the same "
                + "up to each exit to userspace.\n\n");
        md.append("| What | Value |\n|---|---|\n");
        row(md, "Guest", code(f.guest()) + ("catalog".equals(f.guestOrigin()) ? " (sample-guest catalog)"
                : " (file " + code(f.guestOrigin()) + (hasGuestFile ? ", included as `guest/`" : "") + ")"));
        row(md, "Guest SHA-256", code(f.sha256()));
        row(md, "Backend", code(f.backend()) + (f.backendDescription().isEmpty() ? "" : ": " + f.backendDescription()));
        if (f.kernel() != null) {
            row(md, "Kernel", code(f.kernel()));
        }
        row(md, "Hole variant", code(f.variant()) + switches(f.variantSwitches()));
        String simOnly = f.simulated() ? "" : " (the simulated backend's; the kernel uses its own)";
        row(md, "Prefetch policy", code(f.prefetchPolicy()) + simOnly);
        row(md, "MMU mode", code(f.mmu()) + simOnly);
        row(md, "State", f.state() + (f.stopReason().isEmpty() ? "" : ": " + f.stopReason()));
        row(md, "Stop position", f.stopAt() == null ? "none (the machine was running)" : code(f.stopAt())
                + (f.stopAtExact() ? "" : " (the nearest earlier stop Memscope can name; the stop itself was "
                        + "inside an instruction)"));
        row(md, "Last fault", f.lastFault() == null ? "none" : f.lastFault());
        if (f.instructions() >= 0) {
            row(md, "Guest instructions", String.format("%,d", f.instructions()));
        }
        if (f.exitCode() != null) {
            row(md, "Exit code", String.valueOf(f.exitCode()));
        }
        if (f.modelledNanos() > 0) {
            row(md, "Modelled time", String.format("%.3f ms", f.modelledNanos() / 1e6));
        }
        row(md, "Memscope", f.memscopeVersion());
        row(md, "JDK", f.jdk());
        md.append('\n');
        for (String note : f.notes()) {
            md.append("> Note: ").append(note).append("\n>\n");
        }
        pictures(md, images);
        counters(md, f.counters());
        if (hasCompare) {
            md.append("## Compare\n\nThe guest under every hole variant, from the same start: `compare.txt`.\n\n");
        }
        files(md, hasCompare, hasGuestFile);
        return md.toString();
    }

    private static void pictures(StringBuilder md, List<ReportParts.Image> images) {
        for (ReportParts.Image i : images) {
            if (i.isWindow()) {
                md.append("## The window\n\n").append(image(i)).append('\n');
            }
        }
        List<ReportParts.Image> panes = images.stream().filter(i -> !i.isWindow()).toList();
        if (!panes.isEmpty()) {
            md.append("## Panes\n\n");
            for (ReportParts.Image i : panes) {
                md.append("### ").append(i.title()).append("\n\n").append(image(i)).append('\n');
            }
        }
    }

    private static String image(ReportParts.Image i) {
        return "![" + i.title() + "](" + i.path() + ")\n";
    }

    private static void counters(StringBuilder md, Map<String, Long> counters) {
        if (counters.isEmpty()) {
            return;
        }
        md.append("## Counters\n\nKVM's stat names (`exits.*`: exits to userspace by reason); the counters that are "
                + "not zero. All of them are in `counters.json`.\n\n| counter | value |\n|---|---:|\n");
        counters.forEach((k, v) -> {
            if (v != 0) {
                md.append("| ").append(code(k)).append(" | ").append(String.format("%,d", v)).append(" |\n");
            }
        });
        md.append('\n');
    }

    private static void files(StringBuilder md, boolean hasCompare, boolean hasGuestFile) {
        md.append("## Files\n\n");
        md.append("- `session.json`: the session (setup, guest hash, breakpoints, layout, stop position).\n");
        md.append("- `trace.txt`: the event log as `trace-cmd report` prints it, one tracepoint per line, in "
                + "modelled time.\n");
        md.append("- `trace.perfetto.json`: the same events on a timeline; open it at https://ui.perfetto.dev.\n");
        md.append("- `counters.json`: the counters above.\n");
        if (hasCompare) {
            md.append("- `compare.txt`: the comparison of the hole variants.\n");
        }
        if (hasGuestFile) {
            md.append("- `guest/`: the guest image the session names.\n");
        }
        md.append("- `images/`: the pictures above.\n");
    }

    private static String switches(List<VariantSwitch> switches) {
        if (switches.isEmpty()) {
            return "";
        }
        return " (started as " + code(switches.get(0).from().cliName()) + "; " + switches.stream()
                .map(s -> "switched to " + code(s.to().cliName()) + " at " + code(s.at().text()))
                .collect(Collectors.joining(", ")) + ")";
    }

    private static void row(StringBuilder md, String field, String value) {
        md.append("| ").append(field).append(" | ").append(value.replace("|", "\\|").replace("\n", " "))
                .append(" |\n");
    }

    private static String code(String s) {
        return "`" + s.replace("`", "'") + "`";
    }

    /** The README's section on {@code kernel-trace.txt}, for a report made on real KVM with tracefs at hand. */
    public static String kernelTraceSection(long lines, long lost) {
        return "\n## The kernel's tracepoints\n\n- `kernel-trace.txt`: the kernel's own `kvm` and `kvmmmu` tracepoints "
                + "of this run, recorded through tracefs (" + String.format("%,d", lines) + " lines, this process's "
                + "threads only" + (lost > 0 ? String.format("; the buffer overflowed and the oldest %,d are missing",
                        lost) : "") + "). `memscope trace GUEST --backend kvm --compare` checks the model against "
                + "them.\n";
    }
}
