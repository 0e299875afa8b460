package dev.memscope.emulator.guests;

import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.SpteBits;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.kvm.KvmHooks;
import dev.memscope.emulator.kvm.KvmPageFault;
import dev.memscope.emulator.session.BackendFactory;
import dev.memscope.emulator.session.SessionSetup;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend factory that keeps the backend it made and, on the simulated one, records through the model's hooks
 * every finished page fault and every leaf SPTE that became present (the one SPTE door's change events).
 */
final class Recording implements BackendFactory, KvmHooks {
    private final BackendFactory inner;
    private VmBackend backend;
    final List<FaultRecord> faults = new ArrayList<>();
    /** gfns whose leaf SPTE went from not present to present, in order. */
    final List<Long> installedGfns = new ArrayList<>();

    Recording(BackendFactory inner) {
        this.inner = inner;
    }

    @Override
    public VmBackend create(SessionSetup setup) throws BackendException {
        backend = inner.create(setup);
        if (backend instanceof SimBackend sim) {
            sim.setDebugHooks(this, null);
        }
        return backend;
    }

    VmBackend backend() {
        return backend;
    }

    SimBackend sim() {
        return (SimBackend) backend;
    }

    @Override
    public void afterPhase(KvmPageFault fault) {
        if (fault.isDone()) {
            faults.add(fault.toRecord());
        }
    }

    @Override
    public void spteChanged(int asId, long gfn, int level, long oldSpte, long newSpte) {
        if (!SpteBits.isShadowPresent(oldSpte) && SpteBits.isShadowPresent(newSpte) && SpteBits.isLast(newSpte,
                level)) {
            installedGfns.add(gfn);
        }
    }
}
