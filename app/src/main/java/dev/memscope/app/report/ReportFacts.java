package dev.memscope.app.report;

import dev.memscope.app.cli.VersionProvider;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.VariantSwitch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a bug report's summary says, read from the machine at its stop.
 *
 * @param guestOrigin {@code catalog}, or the path of the guest's ELF file
 * @param backendDescription what the backend says of itself (the kernel's version on real KVM)
 * @param kernel the host kernel's release when the backend is real KVM, else null
 * @param lastFault the fault in progress, or the last one completed, in one line; null when there was none
 */
public record ReportFacts(String guest, String guestOrigin, String sha256, String backend, String backendDescription,
        String kernel, String variant, List<VariantSwitch> variantSwitches, String prefetchPolicy, String mmu, String memscopeVersion,
        String jdk, String state, String stopAt, boolean stopAtExact, String stopReason, String lastFault,
        long instructions, Long exitCode, long modelledNanos, Map<String, Long> counters, List<String> notes) {

    public ReportFacts {
        variantSwitches = List.copyOf(variantSwitches);
        counters = java.util.Collections.unmodifiableMap(new TreeMap<>(counters));
        notes = List.copyOf(notes);
    }

    public boolean simulated() {
        return "sim".equals(backend);
    }

    /** {@code uname -r} of this host, whose /dev/kvm ran the guest. */
    private static String kernelRelease() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (java.io.IOException e) {
            return System.getProperty("os.name") + " " + System.getProperty("os.version");
        }
    }

    public static ReportFacts of(MachineSnapshot s, String guestOrigin) {
        if (s.setup() == null) {
            throw new IllegalStateException("no guest is loaded: there is nothing to report");
        }
        MachineSnapshot.Setup setup = s.setup();
        FaultRecord fault = s.currentFault() != null ? s.currentFault()
                : s.recentFaults().isEmpty() ? null : s.recentFaults().get(s.recentFaults().size() - 1);
        return new ReportFacts(setup.guest(), guestOrigin, setup.imageSha256(), setup.backend(),
                setup.backendDescription(), "kvm".equals(setup.backend()) ? kernelRelease() : null,
                setup.variant().cliName(), s.variantSwitches(), setup.prefetchPolicy(),
                setup.mmu().cliName(), VersionProvider.memscopeVersion(), System.getProperty("java.version") + " ("
                        + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")",
                s.state().name(), s.position() == null ? null : s.position().text(), s.positionExact(),
                s.stopReason(), fault == null ? null : (s.currentFault() != null ? "in progress: " : "")
                        + FaultLine.of(fault), s.instructions(), s.exitCode(), s.modelledNanos(), s.counters(),
                s.notes());
    }
}
