package dev.memscope.emulator.guests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.BackendFactory;
import java.util.Set;

/** Every guest-level suite on the model; a class implementing this picks the MMU mode. */
interface OnSim extends GuestTests, ScenarioTests, HoleVariantTests, LiveSwitchTests, HoleMechanismTests, RunLoopTests {
    @Override
    default BackendFactory factory() {
        return s -> SimBackend.create(new SimOptions(s.mmu(), s.prefetchPolicy(), true));
    }

    @Override
    default String backend() {
        return "sim";
    }

    /** For the MMU modes besides TDP: the compute-bound guests gain nothing from another run (OnSimTdpTest has it). */
    static void skipComputeBound(String guest) {
        assumeTrue(!Set.of("sieve", "crc", "bench").contains(guest), () -> guest + " is compute-bound: the MMU mode "
                + "changes only its few first-touch faults, and OnSimTdpTest runs it");
    }
}
