package dev.memscope.emulator.guests;

import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.BackendFactory;

/** The guest-level suites on the model with the TDP MMU (EPT; kvm.tdp_mmu=Y). */
class OnSimTdpTest
        implements GuestTests, ScenarioTests, HoleVariantTests, LiveSwitchTests, HoleMechanismTests, RunLoopTests {
    @Override
    public BackendFactory factory() {
        return s -> SimBackend.create(new SimOptions(s.mmu(), s.prefetchPolicy(), true));
    }

    @Override
    public String backend() {
        return "sim";
    }
}
