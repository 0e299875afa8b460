package dev.memscope.views.compare;

import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.CompareTable.Column;
import dev.memscope.emulator.api.CompareTable.Row;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.RunState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code memscope compare pci-scan --backend both}: bus 0 scanned under the five variants on the model and on this
 * machine's /dev/kvm (which has neither ALLONES nor PCI_HOLE). Counts follow the scan: 128 reads of absent functions,
 * 87 config accesses of present functions and writes, 58 console port writes.
 */
final class CompareFixtures {
    static final String NO_ALLONES = "KVM_MEM_ALLONES is not in this kernel (an RFC that was never merged)";
    static final String NO_PCI_HOLE = "KVM_MEM_PCI_HOLE is not in this kernel (v2 was never merged)";

    private CompareFixtures() {
    }

    static List<Column> bothColumns() {
        List<Column> cols = new ArrayList<>();
        for (HoleVariant v : List.of(HoleVariant.MMIO_EXIT, HoleVariant.READONLY_PAGE, HoleVariant.ALLONES,
                HoleVariant.PCI_HOLE, HoleVariant.SINGLE_HVA)) {
            cols.add(new Column(v, "sim", MmuMode.TDP, true, ""));
            boolean stock = v != HoleVariant.ALLONES && v != HoleVariant.PCI_HOLE;
            cols.add(new Column(v, "kvm", MmuMode.TDP, stock,
                    v == HoleVariant.ALLONES ? NO_ALLONES : v == HoleVariant.PCI_HOLE ? NO_PCI_HOLE : ""));
        }
        return cols;
    }

    /** Model and kernel side by side; the kernel saw two more MMIO exits under readonly-page. */
    static CompareTable both() {
        Long n = null;
        List<Row> rows = List.of(
                row("exits.MMIO", "Exits to userspace", "MMIO", "count", true,
                        215L, 215L, 87L, 89L, 87L, n, 87L, n, 87L, 87L),
                row("exits.IO", "Exits to userspace", "port I/O", "count", true,
                        58L, 58L, 58L, 58L, 58L, n, 58L, n, 58L, 58L),
                row(CompareTable.EXITS_TOTAL, "Exits to userspace", "total", "count", true,
                        273L, 273L, 145L, 147L, 145L, n, 145L, n, 145L, 145L),
                row("hole.kernel_reads", "Kernel", "in-kernel emulations", "count", false,
                        0L, n, 0L, n, 0L, n, 128L, n, 0L, n),
                row("ept_violations", "Kernel", "EPT violations", "count", false,
                        33L, n, 33L, n, 33L, n, 33L, n, 33L, n),
                row("ept_misconfigs", "Kernel", "EPT misconfigurations", "count", false,
                        182L, n, 54L, n, 54L, n, 182L, n, 54L, n),
                row("sptes", "Kernel", "SPTEs installed", "count", false,
                        2L, n, 31L, n, 31L, n, 2L, n, 31L, n),
                row("sptes_prefetched", "Kernel", "prefetched SPTEs", "count", false,
                        0L, n, 0L, n, 0L, n, 0L, n, 0L, n),
                row("memslots", "Memory", "memslots used", "count", true,
                        1L, 1L, 4L, 4L, 4L, n, 4L, n, 4L, 4L),
                row(CompareTable.HOLE_HOST_BYTES, "Memory", "host memory for the hole", "bytes", true,
                        0L, 0L, 268_013_568L, 268_013_568L, 4096L, n, 0L, n, 4096L, 4096L),
                row(CompareTable.MODELLED_NANOS, "Time", "modelled time", "ns", false,
                        1_521_400L, n, 702_300L, n, 689_900L, n, 815_100L, n, 694_800L, n),
                row(CompareTable.WALL_NANOS, "Time", "measured time", "ns", false,
                        n, 2_323_000L, n, 1_421_000L, n, n, n, n, n, 1_398_000L));
        return new CompareTable("pci-scan", bothColumns(), rows, true,
                List.of("readonly-page: exits to userspace (MMIO): model 87, kernel 89"));
    }

    /** The model alone (the scripted scenario runs on the simulated backend). */
    static CompareTable modelOnly() {
        CompareTable b = both();
        List<Column> cols = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < b.columns().size(); i++) {
            if (!b.columns().get(i).isKernel()) {
                cols.add(b.columns().get(i));
                keep.add(i);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Row r : b.rows()) {
            if (r.key().equals(CompareTable.WALL_NANOS)) {
                continue;
            }
            rows.add(new Row(r.key(), r.group(), r.label(), r.unit(), keep.stream().map(r::value).toList(),
                    r.backendsShouldAgree()));
        }
        return new CompareTable("pci-scan", cols, rows, true, List.of());
    }

    static MachineSnapshot snapshot(String guest, HoleVariant variant) {
        MachineSnapshot.Setup setup = new MachineSnapshot.Setup(guest, "9f2c41d0", "sim",
                "Java emulator + KVM model, TDP MMU", variant, MmuMode.TDP, "kernel-window", 64L << 20,
                0xB0000000L, 256);
        return new MachineSnapshot(1, RunState.STOPPED, "page fault", setup, null, 48_213, 0, "", Map.of(),
                List.of(), 6, null, List.of(), List.of(), null, 157, 1_072_420, 3_100_000, List.of(), true);
    }

    private static Row row(String key, String group, String label, String unit, boolean agree, Long... values) {
        return new Row(key, group, label, unit, Arrays.asList(values), agree);
    }
}
