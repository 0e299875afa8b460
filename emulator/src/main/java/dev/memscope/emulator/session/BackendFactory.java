package dev.memscope.emulator.session;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.VmBackend;

/** Builds the backend a setup asks for. The app wires the simulated and the real one. */
@FunctionalInterface
public interface BackendFactory {
    VmBackend create(SessionSetup setup) throws BackendException;
}
