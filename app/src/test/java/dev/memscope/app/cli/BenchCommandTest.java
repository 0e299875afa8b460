package dev.memscope.app.cli;

import static dev.memscope.app.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code memscope bench} end to end with one run per figure (each in a JVM of its own): every figure is there and
 * consistent. The figures themselves are measurements (docs/perf.md), not checked here.
 */
class BenchCommandTest {
    @Test
    void one_run_reports_every_figure_with_the_fault_rate_spread() throws Exception {
        CommandLineTest.Result r = run("bench", "--runs=1", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("instructionsPerSecond").asDouble()).isPositive()
                .isGreaterThanOrEqualTo(o.get("instructionsPerSecondMedian").asDouble());
        assertThat(o.get("sieveInstructionsPerSecond").asDouble()).isPositive();
        double p10 = o.get("faultsPerCpuSecondP10").asDouble();
        double median = o.get("faultsPerCpuSecond").asDouble();
        assertThat(p10).isPositive().isLessThanOrEqualTo(median);
        assertThat(o.get("faultsPerCpuSecondP90").asDouble()).isGreaterThanOrEqualTo(median);
        // at least the tracepoints every mapped fault fires: kvm_exit, kvm_page_fault, kvm_mmu_spte_requested and
        // kvm_mmu_set_spte (arch/x86/kvm/mmu/mmutrace.h, trace.h)
        assertThat(o.get("eventsPerFault").asDouble()).isGreaterThanOrEqualTo(4);
    }
}
