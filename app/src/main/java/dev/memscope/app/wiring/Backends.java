package dev.memscope.app.wiring;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.backend.kvm.KvmBackend;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.BackendFactory;
import dev.memscope.emulator.session.SessionSetup;

/**
 * Creates the backend a setup names: the Java emulator with the KVM model (with the setup's cost overrides), or this
 * machine's /dev/kvm.
 */
public final class Backends implements BackendFactory {
    @Override
    public VmBackend create(SessionSetup setup) throws BackendException {
        switch (setup.backend()) {
            case "sim" -> {
                SimBackend sim = SimBackend.create(new SimOptions(setup.mmu(), setup.prefetchPolicy(), true));
                setup.costOverrides().forEach(sim.eventLog().costModel()::setCost);
                return sim;
            }
            case "kvm" -> {
                return KvmBackend.open();
            }
            default -> throw new BackendException("unknown backend '" + setup.backend() + "'; choose sim or kvm");
        }
    }
}
