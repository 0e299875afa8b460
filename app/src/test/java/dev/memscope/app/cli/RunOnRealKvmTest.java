package dev.memscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memscope.emulator.backend.kvm.KvmAvailability;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code memscope run --backend kvm} end to end; skipped, with the reason, where /dev/kvm cannot be used. */
class RunOnRealKvmTest {
    @BeforeAll
    static void needKvm() {
        KvmAvailability kvm = KvmAvailability.probe();
        assumeTrue(kvm.usable(), "real KVM is not usable here: " + kvm.reason());
    }

    @Test
    void hello_prints_its_line_on_stdout_and_exits_with_its_code() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream saved = RunCommand.consoleOut;
        RunCommand.consoleOut = new PrintStream(console, true);
        try {
            CommandLineTest.Result r = CommandLineTest.run("run", "hello", "--backend", "kvm");
            assertThat(r.exitCode()).isZero();
            // hello.c prints RAM in MiB and the ECAM base from the boot-info block: 64 MiB, 0xb0000000 by default.
            assertThat(console.toString(StandardCharsets.US_ASCII))
                    .isEqualTo("Hello from a Memscope guest: 64 MiB of RAM, ECAM at 0xb0000000.\n");
            assertThat(r.err()).contains("hello exited with code 0", "(kvm, mmio-exit)");
        } finally {
            RunCommand.consoleOut = saved;
        }
    }

    @Test
    void pci_scan_json_counts_one_mmio_exit_per_config_access_under_mmio_exit() throws Exception {
        CommandLineTest.Result r = CommandLineTest.run("run", "pci-scan", "--backend", "kvm", "--json");
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("exitCode").asLong()).isZero();
        assertThat(o.get("console").asText()).contains("pci-scan: 8 functions found with 71 ID reads");
        assertThat(o.get("exits").get("MMIO").asLong()).isGreaterThanOrEqualTo(71);
        assertThat(o.get("holeHostBytes").asLong()).isZero();
        assertThat(o.get("wallNanos").asLong()).isPositive();
    }

    @Test
    void readonly_page_serves_absent_reads_without_exits_and_costs_the_hole_in_host_memory() throws Exception {
        JsonNode mmio = new ObjectMapper().readTree(CommandLineTest.run("run", "pci-scan", "--backend", "kvm",
                "--json").out());
        JsonNode ro = new ObjectMapper().readTree(CommandLineTest.run("run", "pci-scan", "--backend", "kvm",
                "--variant", "readonly-page", "--json").out());
        assertThat(ro.get("console").asText()).isEqualTo(mmio.get("console").asText());
        // 63 absent devices/functions are probed once each (71 ID reads, 8 present): those reads no longer exit.
        assertThat(mmio.get("exits").get("MMIO").asLong() - ro.get("exits").get("MMIO").asLong()).isEqualTo(63 + 2);
        assertThat(ro.get("holeHostBytes").asLong()).isEqualTo((256L << 20) - 8 * 4096);
    }

    @Test
    void the_proposed_flags_are_refused_by_the_real_kernel_with_its_answer() {
        CommandLineTest.Result r = CommandLineTest.run("run", "pci-scan", "--backend", "kvm", "--variant", "allones");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err()).contains("ALLONES", "EINVAL");
    }
}
