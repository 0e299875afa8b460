package dev.memscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memscope.emulator.backend.kvm.KvmAvailability;
import dev.memscope.emulator.guests.PciScanModel;
import dev.memscope.emulator.vmm.MemoryMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code memscope compare}: the same guest under each variant, as text, JSON and CSV, with the figures pci-scan.c's
 * accesses give: under mmio-exit every config access exits; under the other four only the accesses to present
 * functions and the one write to an absent function do (absent reads are served in the kernel).
 */
class CompareCommandTest {
    private static final MemoryMap MAP = MemoryMap.defaults();
    private static final PciScanModel SCAN = PciScanModel.scan(MAP);
    private static final long ALL_ACCESSES = SCAN.accesses().size();
    private static final long NOT_SERVED_IN_KERNEL = SCAN.accesses().stream().filter(a -> a.present() || a.write())
            .count();
    /** Every absent function's 4 KiB of 0xff (readonly-page), one page (allones, single-hva), nothing. */
    private static final long SLOTTED_HOLE = (256L * 32 * 8 - SCAN.functionsFound()) * 4096;

    @Test
    void text_puts_the_five_variants_side_by_side_and_says_the_console_was_identical() {
        CommandLineTest.Result r = CommandLineTest.run("compare", "pci-scan");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(cells(lines.get(0))).containsExactly("pci-scan", "mmio-exit", "readonly-page", "allones",
                "pci-hole", "single-hva");
        assertThat(cells(row(lines, "MMIO"))).containsExactly("MMIO", String.format("%,d", ALL_ACCESSES),
                String.format("%,d", NOT_SERVED_IN_KERNEL), String.format("%,d", NOT_SERVED_IN_KERNEL),
                String.format("%,d", NOT_SERVED_IN_KERNEL), String.format("%,d", NOT_SERVED_IN_KERNEL));
        assertThat(cells(row(lines, "host memory for the hole"))).containsExactly("host memory for the hole", "0 B",
                String.format("%.1f MiB", SLOTTED_HOLE / 1048576.0), "4.0 KiB", "0 B", "4.0 KiB");
        assertThat(r.out()).contains("Console output and exit code: identical in every run.");
        assertThat(r.err()).contains("[1/5] mmio-exit on sim", "[5/5] single-hva on sim");
    }

    @Test
    void json_carries_every_column_row_and_the_identity_verdict() throws Exception {
        CommandLineTest.Result r = CommandLineTest.run("compare", "pci-scan", "--variants", "mmio-exit,pci-hole",
                "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertThat(t.get("guest").asText()).isEqualTo("pci-scan");
        assertThat(t.get("consoleIdentical").asBoolean()).isTrue();
        assertThat(t.get("columns")).hasSize(2);
        assertThat(t.get("columns").get(1).get("backend").asText()).isEqualTo("sim");
        assertThat(longs(rowOf(t, "exits.MMIO").get("values"))).containsExactly(ALL_ACCESSES, NOT_SERVED_IN_KERNEL);
        long absentReads = ALL_ACCESSES - NOT_SERVED_IN_KERNEL;
        assertThat(longs(rowOf(t, "hole_kernel_reads").get("values"))).containsExactly(0L, absentReads);
        assertThat(longs(rowOf(t, "holeHostBytes").get("values"))).containsExactly(0L, 0L);
    }

    @Test
    void csv_has_one_line_per_metric_with_a_column_per_run() {
        CommandLineTest.Result r = CommandLineTest.run("compare", "pci-scan", "--variants",
                "mmio-exit,readonly-page,single-hva", "--csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("group,metric,key,unit,mmio-exit/sim,readonly-page/sim,single-hva/sim");
        assertThat(lines).contains(String.format("Exits to userspace,MMIO,exits.MMIO,count,%d,%d,%d", ALL_ACCESSES,
                NOT_SERVED_IN_KERNEL, NOT_SERVED_IN_KERNEL));
        assertThat(lines).contains(String.format("Memory,host memory for the hole,holeHostBytes,bytes,0,%d,4096",
                SLOTTED_HOLE));
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(7));
    }

    @Test
    void json_and_csv_together_or_an_unknown_variant_are_usage_errors() {
        assertThat(CommandLineTest.run("compare", "pci-scan", "--json", "--csv").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        CommandLineTest.Result r = CommandLineTest.run("compare", "pci-scan", "--variants", "mmio-exit,nope");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("unknown variant 'nope'");
    }

    @Test
    void both_backends_side_by_side_agree_on_exits_and_show_the_kernels_refusal() throws Exception {
        assumeKvm();
        CommandLineTest.Result r = CommandLineTest.run("compare", "pci-scan", "--backend", "both", "--mmu", "shadow",
                "--variants", "mmio-exit,readonly-page,allones", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(r.out());
        List<String> heads = new ArrayList<>();
        t.get("columns").forEach(c -> heads.add(c.get("backend").asText() + (c.get("supported").asBoolean() ? ""
                : " (refused)")));
        assertThat(heads).containsExactly("sim", "kvm", "sim", "kvm", "sim", "kvm (refused)");
        assertThat(t.get("columns").get(5).get("note").asText()).contains("ALLONES", "EINVAL");
        assertThat(Arrays.asList(values(rowOf(t, "exits.MMIO")))).containsExactly(ALL_ACCESSES, ALL_ACCESSES,
                NOT_SERVED_IN_KERNEL, NOT_SERVED_IN_KERNEL, NOT_SERVED_IN_KERNEL, null);
        assertThat(t.get("consoleIdentical").asBoolean()).isTrue();
        List<String> differences = new ArrayList<>();
        t.get("differences").forEach(d -> differences.add(d.asText()));
        assertThat(differences).anySatisfy(d -> assertThat(d).startsWith("allones on kvm did not run"));
        assertThat(differences).noneSatisfy(d -> assertThat(d).containsPattern(", (MMIO|IO|all reasons):"));
    }

    /**
     * A run that fails on one backend fails the command loudly. On a kvm_pvm host pagewalk's INT3 cannot be emulated
     * in ring 0 (KVM_INTERNAL_ERROR_EMULATION), so its kvm run fails while the model's succeeds. (A console that
     * differs is covered with scripted backends in ComparisonIdentityTest, on any host.)
     */
    @Test
    void a_run_that_fails_on_one_backend_fails_the_command_loudly() {
        assumeKvm();
        assumeTrue(dev.memscope.emulator.backend.kvm.HostKernel.probe().paging().description().contains("kvm_pvm"),
                "only a kvm_pvm host fails pagewalk deterministically");
        CommandLineTest.Result r = CommandLineTest.run("compare", "pagewalk", "--backend", "both", "--variants",
                "mmio-exit");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err()).contains("the guest's console output was not the same in every run");
        assertThat(r.out()).contains("Console output or exit code DIFFERS between runs",
                "- mmio-exit on kvm failed: ", "KVM_INTERNAL_ERROR_EMULATION");
    }

    private static void assumeKvm() {
        KvmAvailability kvm = KvmAvailability.probe();
        assumeTrue(kvm.usable(), () -> "real KVM is not usable here: " + kvm.reason());
    }

    private static String row(List<String> lines, String label) {
        return lines.stream().filter(l -> l.startsWith("  " + label + "  ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in\n" + String.join("\n", lines)));
    }

    /** A text table line's cells: separated by two or more spaces. */
    private static List<String> cells(String line) {
        return Arrays.asList(line.strip().split(" {2,}"));
    }

    private static JsonNode rowOf(JsonNode table, String key) {
        for (JsonNode row : table.get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key);
    }

    private static Long[] values(JsonNode row) {
        List<Long> out = new ArrayList<>();
        row.get("values").forEach(v -> out.add(v.isNull() ? null : v.asLong()));
        return out.toArray(Long[]::new);
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asLong()));
        return out;
    }
}
