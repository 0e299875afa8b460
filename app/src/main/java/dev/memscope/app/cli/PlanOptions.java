package dev.memscope.app.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What to run and where to stop, shared by {@code report} and {@code trace}: a guest with options, or a session. */
public final class PlanOptions {
    @Parameters(index = "0", paramLabel = "GUEST|FILE.elf|SESSION.json", description = "A sample guest (see "
            + "`memscope list`), an ELF file, or a saved session (which brings its own setup and stop).")
    String target;

    @Option(names = "--variant", description = "mmio-exit, readonly-page, allones, pci-hole or single-hva. "
            + "Default: mmio-exit.")
    String variant;

    @Option(names = "--mmu", description = "tdp, direct or shadow (sim). Default: tdp.")
    String mmu;

    @Option(names = "--backend", description = "sim or kvm. Default: sim.")
    String backend;

    @Option(names = "--prefetch", description = "The ALLONES prefetch policy: kernel, whole-slot, bounded-2m or none. "
            + "Default: kernel.")
    String prefetch;

    @Option(names = "--stop-at", paramLabel = "WHEN", description = "Where to stop, as the debugger names stops: "
            + "insn:N, fault:N, fault:N/PHASE, exit:N, sync:V, gpa:0xADDR or end. Default: end.")
    String stopAt;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds of host time to reach the stop. "
            + "Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    boolean hasSetupOptions() {
        return variant != null || mmu != null || backend != null || prefetch != null || stopAt != null;
    }
}
