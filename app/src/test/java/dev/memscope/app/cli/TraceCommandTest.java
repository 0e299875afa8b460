package dev.memscope.app.cli;

import static dev.memscope.app.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memscope trace}: the event log of a run to a stop, as trace-cmd text or Perfetto JSON. */
class TraceCommandTest {
    @TempDir
    Path dir;

    @Test
    void text_has_a_header_and_one_tracepoint_line_per_event() throws Exception {
        Path out = dir.resolve("scan.txt");
        CommandLineTest.Result r = run("trace", "pci-scan", "--variant", "allones", "--stop-at", "fault:3/faultin_pfn",
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).startsWith("# Memscope ").contains("event log of pci-scan (sha256 ");
        assertThat(lines.get(1)).isEqualTo("# backend sim, variant allones, prefetch kernel, mmu tdp, stopped at "
                + "fault:3/faultin_pfn");
        List<String> events = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(events).allMatch(l -> l.matches("\\s+vcpu-0-1 \\[000] +\\d+\\.\\d{6}: \\S+:.*"));
        // The run stops right after the third fault's faultin_pfn phase: that is the last event.
        assertThat(events.get(events.size() - 1)).contains("memscope:fault_phase:", "phase faultin_pfn");
        assertThat(events.stream().filter(l -> l.contains(" kvm_page_fault:")).count()).isEqualTo(3);
        assertThat(r.err()).contains("wrote " + events.size() + " events of pci-scan");
    }

    @Test
    void perfetto_json_is_valid_with_faults_and_exits_as_spans_on_their_tracks() throws Exception {
        Path out = dir.resolve("scan.json");
        CommandLineTest.Result r = run("trace", "pci-scan", "--format", "perfetto", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        JsonNode events = root.get("traceEvents");
        assertThat(events.isArray()).isTrue();
        Set<String> phases = new HashSet<>();
        Set<String> vcpuSpans = new HashSet<>();
        Set<String> vmmSpans = new HashSet<>();
        for (JsonNode e : events) {
            String ph = e.get("ph").asText();
            phases.add(ph);
            assertThat(ph).isIn("X", "i", "M");
            if (ph.equals("X")) {
                assertThat(e.get("dur").asDouble()).isPositive();
                assertThat(e.get("ts").asDouble()).isNotNegative();
                (e.get("tid").asInt() == 1000 ? vmmSpans : vcpuSpans).add(e.get("name").asText());
            }
            if (ph.equals("i")) {
                assertThat(e.get("s").asText()).isEqualTo("t"); // a thread-scoped instant
            }
        }
        assertThat(phases).containsExactlyInAnyOrder("X", "i", "M");
        assertThat(vcpuSpans).contains("page fault", "MMIO emulation");
        assertThat(vmmSpans).containsExactly("exit to userspace");
    }

    @Test
    void bad_formats_and_guests_are_refused_with_their_exit_codes() {
        Path out = dir.resolve("x");
        assertThat(run("trace", "hello", "--format", "ctf", "--out", out.toString()).exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("trace", "hello", "--stop-at", "fault:0", "--out", out.toString()).err())
                .contains("--stop-at: a fault number counts from 1: 0");
        assertThat(run("trace", "nothing", "--out", out.toString()).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run("trace", "hello").exitCode()).isEqualTo(ExitCodes.USAGE); // --out is required
        CommandLineTest.Result r = run("trace", "hello", "--stop-at", "fault:9999", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err()).contains("did not reach the session's stop at fault:9999", "stopped at end");
        assertThat(out).exists(); // the log of where it did stop is written all the same
    }

    @Test
    void on_real_kvm_the_log_is_the_kernel_own_tracepoints() throws Exception {
        assumeKernelTracing();
        Path out = dir.resolve("hello-kvm.txt");
        CommandLineTest.Result r = run("trace", "hello", "--backend", "kvm", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(1)).startsWith("# backend kvm,");
        assertThat(lines).contains("# the kernel's own kvm and kvmmmu tracepoints (tracefs), this process's threads only");
        List<String> events = lines.stream().filter(l -> !l.startsWith("#")).toList();
        // hello writes its line to the debug console (port 0xE9) and its exit code to port 0xF4, each an exit to the VMM
        assertThat(events).anyMatch(l -> l.contains(" kvm_pio: pio_write at 0xe9 size 1 count 1 val 0x48"))
                .anyMatch(l -> l.contains(" kvm_pio: pio_write at 0xf4 "))
                .anyMatch(l -> l.contains(" kvm_userspace_exit: reason KVM_EXIT_IO (2)"));
        assertThat(r.err()).contains("kernel tracepoints of hello");
        assertThat(run("trace", "hello", "--backend", "kvm", "--format", "perfetto", "--out", out.toString())
                .exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void compare_runs_the_model_too_and_finds_it_agrees_with_the_kernel() throws Exception {
        assumeKernelTracing();
        CommandLineTest.Result r = run("trace", "pci-scan", "--backend", "kvm", "--compare", "--out",
                dir.resolve("scan-kvm.txt").toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("the model and the kernel agree on all ").contains("kvm_mmio=", "kvm_pio=",
                "kvm_userspace_exit=");
        assertThat(run("trace", "pci-scan", "--compare", "--out", dir.resolve("x.txt").toString()).exitCode())
                .as("--compare needs the kernel").isEqualTo(ExitCodes.USAGE);
    }

    /** For tests of the kernel's tracepoints: they skip, saying why, without a usable /dev/kvm or tracefs. */
    static void assumeKernelTracing() {
        var kvm = dev.memscope.emulator.backend.kvm.KvmAvailability.probe();
        org.junit.jupiter.api.Assumptions.assumeTrue(kvm.usable(), () -> "real KVM is not usable here: " + kvm.reason());
        var tracing = dev.memscope.emulator.backend.kvm.KernelTrace.unavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(tracing.isEmpty(), () -> tracing.orElseThrow());
    }
}
