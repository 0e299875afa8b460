package dev.memscope.emulator.guests;

import dev.memscope.emulator.api.MmuMode;

/** The guest-level suites on the model with the legacy direct MMU (EPT with kvm.tdp_mmu=N): it prefetches. */
class OnSimDirectTest implements OnSim {
    @Override
    public MmuMode mmu() {
        return MmuMode.DIRECT;
    }

    @Override
    public void assumeAffordable(String guest) {
        OnSim.skipComputeBound(guest);
    }
}
