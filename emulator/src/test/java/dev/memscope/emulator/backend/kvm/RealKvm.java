package dev.memscope.emulator.backend.kvm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** For tests that need the machine's /dev/kvm: they skip, with the probe's reason, where it is unusable. */
public final class RealKvm {
    private static KvmAvailability availability;

    private RealKvm() {
    }

    static synchronized KvmAvailability availability() {
        if (availability == null) {
            availability = KvmAvailability.probe();
        }
        return availability;
    }

    public static void assumeAvailable() {
        KvmAvailability a = availability();
        assumeTrue(a.usable(), () -> "real KVM not usable here: " + a.reason());
    }

    /** /dev/kvm and the kernel's tracepoints (tracefs, root): skips with the reason where either is missing. */
    public static void assumeTracing() {
        assumeAvailable();
        assumeTrue(KernelTrace.unavailableReason().isEmpty(), () -> KernelTrace.unavailableReason().orElseThrow());
    }
}
