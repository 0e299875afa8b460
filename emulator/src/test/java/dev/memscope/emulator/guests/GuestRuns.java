package dev.memscope.emulator.guests;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Introspection;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.session.BackendFactory;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.ElfFormatException;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.Vmm;
import dev.memscope.emulator.vmm.VmmException;
import dev.memscope.emulator.vmm.VmmScenario;
import dev.memscope.emulator.vmm.VmmStep;
import dev.memscope.guests.SampleGuests;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: sample-guest images and setups, and a VMM stepped to the end with every MMIO exit recorded. */
final class GuestRuns {
    private GuestRuns() {
    }

    static ElfImage image(String name) {
        try {
            return ElfImage.parse(SampleGuests.image(name).orElseThrow(() -> new AssertionError("no guest " + name)));
        } catch (ElfFormatException e) {
            throw new AssertionError(e);
        }
    }

    /** The catalog guest with the scenario its catalog entry names (sample-guests/catalog.json). */
    static SessionSetup setup(String name) {
        VmmScenario scenario = switch (name) {
            case "prefault" -> VmmScenario.PREFAULT;
            case "dirty-log" -> VmmScenario.DIRTY_LOG;
            case "guest-map" -> VmmScenario.GUEST_MAP;
            default -> VmmScenario.NONE;
        };
        return SessionSetup.of(name, image(name)).withScenario(scenario);
    }

    static long symbol(ElfImage image, String name) {
        return image.symbols().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no symbol " + name)).value();
    }

    /** A VMM run to its end by {@link Vmm#runOnce} in slices, with the gpa of every MMIO exit in order. */
    record Stepped(Vmm vmm, List<Long> mmioGpas, String failure) implements AutoCloseable {
        @Override
        public void close() {
            vmm.close();
        }
    }

    static Stepped step(SessionSetup setup, BackendFactory factory, BatchRun.Limits limits)
            throws BackendException, VmmException {
        var backend = factory.create(setup);
        Vmm vmm;
        try {
            vmm = Vmm.boot(backend, setup.vmmConfig());
        } catch (VmmException | RuntimeException e) {
            backend.close();
            throw e;
        }
        List<Long> mmio = new ArrayList<>();
        long deadline = System.nanoTime() + limits.maxNanos();
        String failure = null;
        while (failure == null) {
            long done = backend instanceof Introspection i ? i.instructionsRetired() : 0;
            if (done >= limits.maxInstructions() || System.nanoTime() > deadline) {
                failure = "did not exit within the limits";
                break;
            }
            VmmStep s = vmm.runOnce(1_000_000);
            if (s.kvmExitReason() == KvmExitReason.MMIO) {
                mmio.add(s.value());
            }
            if (s.kind() == VmmStep.Kind.EXITED) {
                break;
            }
            if (s.kind() == VmmStep.Kind.FAILED) {
                failure = s.detail();
            }
        }
        return new Stepped(vmm, mmio, failure);
    }
}
