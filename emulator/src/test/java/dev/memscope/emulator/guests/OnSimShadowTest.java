package dev.memscope.emulator.guests;

import dev.memscope.emulator.api.MmuMode;

/**
 * The guest-level suites on the model with shadow paging (ept=N, or no hardware virtualization): the fair comparison
 * with kvm_pvm.
 */
class OnSimShadowTest implements OnSim {
    @Override
    public MmuMode mmu() {
        return MmuMode.SHADOW;
    }

    @Override
    public void assumeAffordable(String guest) {
        OnSim.skipComputeBound(guest);
    }
}
