package dev.memscope.app.wiring;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.backend.kvm.KvmBackend;
import dev.memscope.emulator.session.BackendFactory;
import dev.memscope.emulator.session.SessionSetup;

/** Creates the backend a setup names: the Java emulator with the KVM model, or this machine's /dev/kvm. */
public final class Backends implements BackendFactory {
    @Override
    public VmBackend create(SessionSetup setup) throws BackendException {
        switch (setup.backend()) {
            case "sim" -> throw new BackendException("the simulated backend (Java emulator + KVM model) is not built "
                    + "yet in this version (issues 3 and 4)");
            case "kvm" -> {
                return KvmBackend.open();
            }
            default -> throw new BackendException("unknown backend '" + setup.backend() + "'; choose sim or kvm");
        }
    }
}
