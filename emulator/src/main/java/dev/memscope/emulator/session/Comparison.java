package dev.memscope.emulator.session;

import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.vmm.VmmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * {@code memscope compare}: the same guest from the same start under each hole variant (and backend), as one table.
 * The guest's console output must be identical in every run; the table says so, and lists every difference between
 * the model and the kernel rather than hiding it.
 */
public final class Comparison {
    /** Progress from the comparison's own thread. */
    @FunctionalInterface
    public interface Progress {
        void report(int done, int total, String running);
    }

    /** One run of the comparison: its column and its result, or why it could not run. */
    public record Run(CompareTable.Column column, RunResult result) {
    }

    private Comparison() {
    }

    public static CompareTable run(SessionSetup base, List<HoleVariant> variants, List<String> backends,
            BackendFactory factory, BatchRun.Limits limits, Progress progress, BooleanSupplier cancelled) {
        List<Run> runs = new ArrayList<>();
        int total = variants.size() * backends.size();
        int done = 0;
        for (HoleVariant v : variants) {
            for (String b : backends) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                progress.report(done, total, v.cliName() + " on " + b);
                SessionSetup setup = base.withVariant(v).withBackend(b);
                try {
                    RunResult r = BatchRun.run(setup, factory, limits);
                    runs.add(new Run(new CompareTable.Column(v, b, base.mmu(), true, r.failure() == null ? ""
                            : "failed: " + r.failure()), r));
                } catch (BackendException | VmmException e) {
                    runs.add(new Run(new CompareTable.Column(v, b, base.mmu(), false, e.getMessage()), null));
                }
                done++;
            }
        }
        progress.report(done, total, "done");
        return table(base.guestName(), runs);
    }

    /** A metric: its row's key, group, label, unit, whether model and kernel must agree, and how to read it. */
    private record Metric(String key, String group, String label, String unit, boolean agree,
            Function<RunResult, Long> read) {
    }

    static CompareTable table(String guest, List<Run> runs) {
        List<Metric> metrics = metrics(runs);
        List<CompareTable.Column> columns = runs.stream().map(Run::column).toList();
        List<CompareTable.Row> rows = new ArrayList<>();
        for (Metric m : metrics) {
            List<Long> values = new ArrayList<>();
            for (Run r : runs) {
                values.add(r.result() == null ? null : m.read().apply(r.result()));
            }
            if (values.stream().anyMatch(Objects::nonNull)) {
                rows.add(new CompareTable.Row(m.key(), m.group(), m.label(), m.unit(), values, m.agree()));
            }
        }
        List<String> differences = new ArrayList<>();
        boolean identical = consoleIdentical(runs, differences);
        for (Run r : runs) {
            if (!r.column().supported()) {
                differences.add(r.column().variant() + " on " + r.column().backend() + " did not run: "
                        + r.column().note());
            } else if (r.result().failure() != null) {
                differences.add(r.column().variant() + " on " + r.column().backend() + " failed: "
                        + r.result().failure());
            }
        }
        modelVersusKernel(runs, rows, differences);
        return new CompareTable(guest, columns, rows, identical, differences);
    }

    /**
     * Whether every run that could run finished with the same console and exit code. A supported run that failed
     * (a timeout, a triple fault) breaks the identity too: the comparison must fail loudly, not leave it out.
     */
    private static boolean consoleIdentical(List<Run> runs, List<String> differences) {
        Run first = null;
        boolean identical = true;
        for (Run r : runs) {
            if (r.result() == null) {
                continue; // the variant is not supported on that backend: listed among the differences
            }
            if (r.result().failure() != null) {
                identical = false;
                continue;
            }
            if (first == null) {
                first = r;
                continue;
            }
            if (!Arrays.equals(first.result().console(), r.result().console())
                    || !Objects.equals(first.result().exitCode(), r.result().exitCode())) {
                identical = false;
                differences.add(String.format("console output or exit code differs: %s on %s (exit %s, %d bytes) "
                        + "versus %s on %s (exit %s, %d bytes)", first.column().variant(), first.column().backend(),
                        first.result().exitCode(), first.result().console().length, r.column().variant(),
                        r.column().backend(), r.result().exitCode(), r.result().console().length));
            }
        }
        return identical;
    }

    private static void modelVersusKernel(List<Run> runs, List<CompareTable.Row> rows, List<String> differences) {
        for (int i = 0; i < runs.size(); i++) {
            for (int j = 0; j < runs.size(); j++) {
                CompareTable.Column a = runs.get(i).column();
                CompareTable.Column b = runs.get(j).column();
                if (a.variant() != b.variant() || a.isKernel() || !b.isKernel()) {
                    continue;
                }
                for (CompareTable.Row row : rows) {
                    Long model = row.value(i);
                    Long kernel = row.value(j);
                    if (model != null && kernel != null && !model.equals(kernel) && !row.unit().equals("ns")) {
                        differences.add(String.format("%s, %s: the model counts %,d, the kernel %,d%s", a.variant(),
                                row.label(), model, kernel, row.backendsShouldAgree() ? "" : " (not expected to agree)"));
                    }
                }
            }
        }
    }

    private static List<Metric> metrics(List<Run> runs) {
        List<Metric> m = new ArrayList<>();
        m.add(new Metric(CompareTable.EXITS_TOTAL, "Exits to userspace", "all reasons", "count", true,
                r -> r.exits().values().stream().mapToLong(Long::longValue).sum()));
        Set<String> reasons = new LinkedHashSet<>();
        runs.stream().filter(r -> r.result() != null).forEach(r -> reasons.addAll(r.result().exits().keySet()));
        for (String reason : reasons) {
            m.add(new Metric("exits." + reason, "Exits to userspace", reason, "count", true,
                    r -> r.exits().getOrDefault(reason, 0L)));
        }
        m.add(counter("hole_kernel_reads", "Kernel", "hole reads emulated in the kernel", true));
        m.add(counter("hole_mapped_reads", "Kernel", "hole reads from mapped pages (no exit)", false));
        m.add(counter("vmx.EPT_VIOLATION", "Kernel", "EPT violations", false));
        m.add(counter("vmx.EPT_MISCONFIG", "Kernel", "EPT misconfigurations", false));
        m.add(counter("vmx.EXCEPTION_NMI", "Kernel", "#PF intercepts (shadow paging)", false));
        for (String stat : List.of("pf_taken", "pf_fixed", "pf_emulate", "pf_spurious", "pf_fast",
                "pf_mmio_spte_created", "insn_emulation")) {
            m.add(counter(stat, "Kernel", stat, false));
        }
        m.add(counter("spte_installed", "Kernel", "SPTEs installed", false));
        m.add(counter("spte_prefetched", "Kernel", "SPTEs prefetched", false));
        m.add(new Metric("memslots", "Memory", "memslots used", "count", true, r -> (long) r.memslots().size()));
        m.add(new Metric(CompareTable.HOLE_HOST_BYTES, "Memory", "host memory for the hole", "bytes", true,
                RunResult::holeHostBytes));
        m.add(new Metric(CompareTable.MODELLED_NANOS, "Time", "modelled time", "ns", false,
                r -> r.backend().equals("sim") ? r.modelledNanos() : null));
        m.add(new Metric(CompareTable.WALL_NANOS, "Time", "measured time in KVM_RUN", "ns", false,
                r -> r.backend().equals("kvm") ? r.wallNanos() : null));
        return m;
    }

    private static Metric counter(String name, String group, String label, boolean agree) {
        return new Metric(name, group, label, "count", agree, r -> r.counters().get(name));
    }
}
