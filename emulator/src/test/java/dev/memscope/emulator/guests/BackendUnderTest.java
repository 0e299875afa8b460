package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.session.BackendFactory;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.RunResult;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.VmmException;

/**
 * The backend a guest-level suite runs on (STYLE.md rule 9: one suite, every backend). The suites are test interfaces
 * ({@link GuestTests}, {@link ScenarioTests}, {@link HoleVariantTests}, ...) whose default methods are the tests; one
 * class per backend (and model MMU mode) implements them all and says only which backend it is.
 */
interface BackendUnderTest {
    MemoryMap MAP = MemoryMap.defaults();

    /** Makes the backend under test. */
    BackendFactory factory();

    /** {@code sim} or {@code kvm}, as in {@link SessionSetup#backend()}. */
    String backend();

    /** The model's MMU mode (the real backend ignores it). */
    default MmuMode mmu() {
        return MmuMode.TDP;
    }

    /** Skips, with the reason, a guest too long for this backend here (the default runs every guest). */
    default void assumeAffordable(String guest) {
    }

    /** Skips a guest this backend's host cannot run, with the reason. */
    default void assumeRunnable(String guest) {
    }

    default BatchRun.Limits limits() {
        return new BatchRun.Limits(400_000_000L, 120_000_000_000L);
    }

    default RunResult run(String guest, Recording recording) throws BackendException, VmmException {
        SessionSetup setup = GuestRuns.setup(guest).withBackend(backend()).withMmu(mmu());
        return BatchRun.run(setup, recording, limits());
    }

    default RunResult run(String guest) throws BackendException, VmmException {
        return run(guest, new Recording(factory()));
    }

    /** A capability of a fresh VM of this backend (KVM_CHECK_EXTENSION). */
    default int capability(int cap) throws BackendException {
        try (VmBackend b = factory().create(GuestRuns.setup("hello").withBackend(backend()).withMmu(mmu()))) {
            return b.checkExtension(cap);
        }
    }

    /**
     * The guest exited 0 with exactly this console, and every port write reached userspace once: one IO exit per
     * console byte, per sync value, and the exit code.
     */
    static void assertRan(RunResult r, String console, int syncs) {
        assertThat(r.failure()).as("failure; console so far:\n%s", r.consoleText()).isNull();
        assertThat(r.consoleText()).isEqualTo(console);
        assertThat(r.exitCode()).isZero();
        assertThat(r.exits().get("IO")).as("IO exits").isEqualTo(console.length() + syncs + 1L);
    }
}
