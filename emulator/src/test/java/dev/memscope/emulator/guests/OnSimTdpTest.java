package dev.memscope.emulator.guests;

/** The guest-level suites on the model with the TDP MMU (EPT; kvm.tdp_mmu=Y). */
class OnSimTdpTest implements OnSim {
}
