package dev.memscope.emulator.guests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.BackendFactory;
import java.util.Set;

/**
 * The guest-level suites on the model with shadow paging (ept=N, or no hardware virtualization): the fair comparison
 * with kvm_pvm.
 */
class OnSimShadowTest
        implements GuestTests, ScenarioTests, HoleVariantTests, LiveSwitchTests, HoleMechanismTests, RunLoopTests {
    @Override
    public BackendFactory factory() {
        return s -> SimBackend.create(new SimOptions(s.mmu(), s.prefetchPolicy(), true));
    }

    @Override
    public String backend() {
        return "sim";
    }

    @Override
    public MmuMode mmu() {
        return MmuMode.SHADOW;
    }

    @Override
    public void assumeAffordable(String guest) {
        assumeTrue(!Set.of("sieve", "crc", "bench").contains(guest), () -> guest + " is compute-bound: the MMU mode "
                + "changes only its few first-touch faults, and OnSimTdpTest runs it");
    }
}
