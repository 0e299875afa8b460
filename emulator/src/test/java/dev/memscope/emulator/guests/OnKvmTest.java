package dev.memscope.emulator.guests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.backend.kvm.KvmAvailability;
import dev.memscope.emulator.backend.kvm.KvmBackend;
import dev.memscope.emulator.backend.kvm.KvmPagingMode;
import dev.memscope.emulator.session.BackendFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The guest-level suites on this machine's /dev/kvm; skipped, with the probe's reason, where it cannot be used.
 * Under kvm_pvm ring-0 guest code is emulated by the kernel at about 1.5 million instructions per second
 * (TOOLCHAIN.md), so the guests of many millions of instructions run only with {@code -Dmemscope.kvm.long=true}
 * (the nightly profile) or on a host with hardware virtualization.
 */
class OnKvmTest implements GuestTests, ScenarioTests, HoleVariantTests, LiveSwitchTests, RunLoopTests {
    /** Guest instructions of the long guests (as the model counts them), and their time under kvm_pvm here. */
    private static final Map<String, String> LONG_GUESTS = Map.of("crc", "6.4 M instructions, about 7 s",
            "memtouch", "12 M instructions, about 12 s", "sieve", "65 M instructions, about 80 s",
            "bench", "192 M instructions, about 250 s");

    @BeforeAll
    static void needsKvm() {
        KvmAvailability kvm = KvmAvailability.probe();
        assumeTrue(kvm.usable(), () -> "real KVM is not usable here: " + kvm.reason());
    }

    @Override
    public BackendFactory factory() {
        return s -> KvmBackend.open();
    }

    @Override
    public String backend() {
        return "kvm";
    }

    @Override
    public void assumeAffordable(String guest) {
        boolean emulatesRing0 = KvmPagingMode.detect(Path.of("/sys/module")).description().contains("kvm_pvm");
        assumeTrue(!emulatesRing0 || !LONG_GUESTS.containsKey(guest) || Boolean.getBoolean("memscope.kvm.long"),
                () -> guest + " (" + LONG_GUESTS.get(guest) + ") is too long for a test run under kvm_pvm, which "
                        + "emulates ring-0 guest code; -Dmemscope.kvm.long=true runs it");
    }


    /**
     * kvm_pvm runs ring-0 guest code through KVM's instruction emulator, which cannot emulate INT3 or UD2: pagewalk's
     * #BP/#UD checks end the run with KVM_INTERNAL_ERROR_EMULATION there. A host with hardware virtualization
     * delivers them to the guest's IDT like any exception.
     */
    @Override
    public void assumeRunnable(String guest) {
        boolean pvm = dev.memscope.emulator.backend.kvm.HostKernel.probe().paging().description().contains("kvm_pvm");
        org.junit.jupiter.api.Assumptions.assumeFalse(pvm && guest.equals("pagewalk"), "kvm_pvm emulates ring-0 code "
                + "and cannot emulate INT3/UD2 (KVM_INTERNAL_ERROR_EMULATION), which pagewalk's #BP/#UD checks use");
    }
}
