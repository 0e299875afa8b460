package dev.memscope.emulator.session;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Introspection;
import dev.memscope.emulator.backend.KernelStats;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.vmm.Vmm;
import dev.memscope.emulator.vmm.VmmException;
import dev.memscope.emulator.vmm.VmmStep;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a guest to its end on the calling thread, without a debugger: for the command line, comparisons and tests.
 * A guest that never exits is stopped at the instruction or time limit and reported as a failure, never left hanging.
 */
public final class BatchRun {
    /** Limits of one run: guest instructions (simulated backend) and host time (both backends). */
    public record Limits(long maxInstructions, long maxNanos) {
        public static Limits defaults() {
            return new Limits(20_000_000_000L, 300_000_000_000L);
        }
    }

    private BatchRun() {
    }

    public static RunResult run(SessionSetup setup, BackendFactory factory, Limits limits)
            throws BackendException, VmmException {
        VmBackend backend = factory.create(setup);
        try (Vmm vmm = Vmm.boot(backend, setup.vmmConfig())) {
            return runBooted(setup, vmm, limits);
        } catch (VmmException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** Runs an already booted VMM to its end and collects the results; does not close it. */
    public static RunResult runBooted(SessionSetup setup, Vmm vmm, Limits limits) {
        Introspection model = vmm.backend() instanceof Introspection i ? i : null;
        long deadline = System.nanoTime() + limits.maxNanos();
        String failure = null;
        while (true) {
            long done = model == null ? 0 : model.instructionsRetired();
            if (model != null && done >= limits.maxInstructions()) {
                failure = String.format("the guest did not exit within %,d instructions (the step budget); it may "
                        + "be stuck in a loop", limits.maxInstructions());
                break;
            }
            if (System.nanoTime() > deadline) {
                failure = String.format("the guest did not exit within %d s of host time", limits.maxNanos() / 1_000_000_000L);
                break;
            }
            long slice = model == null ? Machine.SLICE_INSTRUCTIONS
                    : Math.min(Machine.SLICE_INSTRUCTIONS * 50, limits.maxInstructions() - done);
            VmmStep step = vmm.runOnce(slice);
            if (step.kind() == VmmStep.Kind.EXITED) {
                break;
            }
            if (step.kind() == VmmStep.Kind.FAILED) {
                failure = step.detail();
                break;
            }
        }
        return collect(setup, vmm, failure);
    }

    static RunResult collect(SessionSetup setup, Vmm vmm, String failure) {
        Introspection model = vmm.backend() instanceof Introspection i ? i : null;
        Map<String, Long> exits = new LinkedHashMap<>();
        for (int reason = 0; reason < 64; reason++) {
            if (vmm.exitCount(reason) > 0 && reason != KvmExitReason.INTR) {
                exits.put(KvmExitReason.shortName(reason), vmm.exitCount(reason));
            }
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        java.util.List<String> notes = new java.util.ArrayList<>(vmm.notes());
        if (model != null) {
            counters.putAll(model.counters());
        } else if (vmm.backend() instanceof KernelStats kernel) {
            try {
                counters.putAll(kernel.stats());
            } catch (BackendException e) {
                notes.add("the kernel's statistics could not be read: " + e.getMessage());
            }
        }
        counters.put("ecam_discarded_writes", vmm.ecam().discardedWrites());
        return new RunResult(setup.guestName(), vmm.backend().name(), vmm.backend().describe(),
                vmm.config().variant().cliName(), setup.mmu().cliName(), failure == null ? vmm.exitCode() : null,
                failure, vmm.console(), model == null ? -1 : model.instructionsRetired(), exits, counters,
                model == null ? vmm.memslotInfos() : model.memslots(), vmm.holePlan().hostBytes(),
                model == null ? 0 : model.eventLog().modelledNanos(), vmm.wallNanos(), notes,
                vmm.preFaultCalls(), vmm.dirtyPulls());
    }
}
