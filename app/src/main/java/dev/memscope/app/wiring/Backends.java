package dev.memscope.app.wiring;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.backend.kvm.KvmBackend;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.BackendFactory;
import dev.memscope.emulator.session.Calibration;
import dev.memscope.emulator.session.SessionSetup;

/**
 * Creates the backend a setup names: the Java emulator with the KVM model (with the setup's cost overrides), or this
 * machine's /dev/kvm.
 */
public final class Backends implements BackendFactory {
    private final Calibration calibration;
    private final boolean mmioCaching;

    public Backends() {
        this(null);
    }

    /** With a calibration, the model's modelled times use its costs (see {@code memscope calibrate}). */
    public Backends(Calibration calibration) {
        this(calibration, true);
    }

    /** @param mmioCaching whether the model caches MMIO SPTEs ({@code kvm.mmio_caching}; the kernel's default is on) */
    public Backends(Calibration calibration, boolean mmioCaching) {
        this.calibration = calibration;
        this.mmioCaching = mmioCaching;
    }

    @Override
    public VmBackend create(SessionSetup setup) throws BackendException {
        switch (setup.backend()) {
            case "sim" -> {
                SimOptions options = new SimOptions(setup.mmu(), setup.prefetchPolicy(), mmioCaching);
                if (calibration != null) {
                    options = options.withCosts(calibration.costNanos(), calibration.picosPerInstruction());
                }
                SimBackend sim = SimBackend.create(options);
                setup.costOverrides().forEach(sim.eventLog().costModel()::setCost); // a session's own overrides win
                return sim;
            }
            case "kvm" -> {
                return KvmBackend.open();
            }
            default -> throw new BackendException("unknown backend '" + setup.backend() + "'; choose sim or kvm");
        }
    }
}
