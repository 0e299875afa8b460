package dev.memscope.emulator.guests;

import static dev.memscope.emulator.guests.BackendUnderTest.assertRan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.session.RunResult;
import org.junit.jupiter.api.Test;

/**
 * Every sample guest runs to its exit code with the console output its source and an independent computation say it
 * must print (the scenario guests are in {@link ScenarioTests}).
 */
interface GuestTests extends BackendUnderTest {
    @Test
    default void hello_prints_the_ram_size_and_ecam_base_of_the_boot_info_block() throws Exception {
        assertRan(run("hello"), ExpectedConsole.hello(MAP), 0);
    }

    @Test
    default void pci_scan_prints_the_q35_functions_and_their_bars() throws Exception {
        PciScanModel scan = PciScanModel.scan(MAP);
        // The issue's own figure, independent of the model: 8 present functions, 71 ID reads.
        assertThat(scan.console()).endsWith("pci-scan: 8 functions found with 71 ID reads\n");
        RunResult r = run("pci-scan");
        assertRan(r, scan.console(), 0);
        assertThat(r.exits().get("MMIO")).as("mmio-exit: one exit per config access").isEqualTo(
                scan.accesses().size());
    }

    @Test
    default void pci_scan_naive_probes_all_65536_functions() throws Exception {
        PciScanModel naive = PciScanModel.naive(MAP);
        assertThat(naive.idReads()).isEqualTo(256 * 32 * 8);
        RunResult r = run("pci-scan-naive");
        assertRan(r, naive.console(), 0);
        assertThat(r.exits().get("MMIO")).isEqualTo(65536L);
    }

    @Test
    default void boot_touch_touches_ram_in_order_then_scattered() throws Exception {
        assertRan(run("boot-touch"), ExpectedConsole.bootTouch(MAP), 0);
    }

    @Test
    default void pagewalk_handles_its_own_faults_with_the_sdm_error_codes() throws Exception {
        assumeRunnable("pagewalk");
        long magic = GuestRuns.symbol(GuestRuns.image("pagewalk"), "magic.0");
        // pagewalk asks CPUID for 1 GiB pages (PDPE1GB) and maps its high alias with 2 MiB pages without them, as an
        // OS would: the model offers them, this kvm_pvm host does not, and the console is the same on both.
        assertRan(run("pagewalk"), ExpectedConsole.pagewalk(magic), 0);
    }

    @Test
    default void sieve_counts_the_primes_below_four_million() throws Exception {
        assumeAffordable("sieve");
        assertRan(run("sieve"), ExpectedCompute.sieve(), 0);
    }

    @Test
    default void crc_matches_java_crc32_and_a_java_sort() throws Exception {
        assumeAffordable("crc");
        assertRan(run("crc"), ExpectedCompute.crc(), 0);
    }

    @Test
    default void memtouch_reports_the_sums_of_what_it_wrote() throws Exception {
        assumeAffordable("memtouch");
        assertRan(run("memtouch"), ExpectedCompute.memtouch(), 4);
    }

    @Test
    default void bench_matches_a_java_model_of_the_workload() throws Exception {
        assumeAffordable("bench");
        assertRan(run("bench"), ExpectedCompute.bench(), 0);
    }
}
