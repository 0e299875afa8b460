package dev.memscope.app.lessons;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.PreFaultResult;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.session.Machine;
import dev.memscope.emulator.session.SessionSetup;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The machine's commands made synchronous for a lesson: each sends one command and waits (on the caller's thread,
 * never the JavaFX thread) until the machine has published the snapshot that answers it. The machine never waits
 * for this; a command that cannot take effect (the guest has finished) fails at once with the reason.
 */
final class MachineSteps {
    static final long TIMEOUT_NANOS = 120_000_000_000L;
    private final Machine machine;

    MachineSteps(Machine machine) {
        this.machine = machine;
    }

    Machine machine() {
        return machine;
    }

    /** Builds the machine for {@code setup} and waits until it is at the guest's entry (or failed). */
    MachineSnapshot load(SessionSetup setup) throws LessonRunException {
        long v = machine.snapshot().version();
        machine.load(setup);
        MachineSnapshot s = await(x -> x.version() > v && (x.state() == RunState.READY || x.state().finished()));
        if (s.state() != RunState.READY) {
            throw new LessonRunException("the machine could not load " + setup.guestName() + ": " + s.stopReason());
        }
        return s;
    }

    /** Runs to {@code stop} and waits for the machine to stop there (or anywhere: the caller checks where). */
    MachineSnapshot runTo(StopAt stop) throws LessonRunException {
        MachineSnapshot now = machine.snapshot();
        if (now.state().finished()) {
            if (stop instanceof StopAt.End && now.state() == RunState.EXITED) {
                return now;
            }
            throw new LessonRunException("the guest has already finished (" + now.stopReason() + "), so it cannot "
                    + "run to " + stop.text());
        }
        long v = now.version();
        machine.runTo(stop);
        return await(x -> x.version() > v && x.state() != RunState.RUNNING);
    }

    /** Swaps the hole's memslots live at this stop and waits until the machine says so. */
    MachineSnapshot switchVariant(HoleVariant variant) throws LessonRunException {
        long v = machine.snapshot().version();
        machine.switchVariant(variant);
        // Stopped inside an instruction, the machine first ends that run ("stopped to carry out the next command")
        // and then switches: wait for the switch itself, or for the reason it could not be made.
        MachineSnapshot s = await(x -> x.version() > v && x.state() != RunState.RUNNING && (x.setup() == null
                || x.setup().variant() == variant || x.stopReason().startsWith("cannot switch")
                || x.state().finished()));
        if (s.setup() == null || s.setup().variant() != variant) {
            throw new LessonRunException("the machine could not switch the hole to " + variant + ": "
                    + s.stopReason());
        }
        return s;
    }

    /** The KVM_PRE_FAULT_MEMORY calls the VMM made (the prefault scenario), read on the machine thread. */
    List<PreFaultResult> preFaults() throws LessonRunException {
        try {
            return machine.onMachineThread(vmm -> vmm == null ? List.<PreFaultResult>of() : vmm.preFaultCalls().stream()
                    .map(c -> new PreFaultResult(c.before().gpa, c.before().size, c.before().flags, c.result(),
                            c.after().gpa, c.after().size, 0)).toList()).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LessonRunException("cannot read the VMM's pre-fault calls: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LessonRunException("interrupted while reading the VMM's pre-fault calls");
        }
    }

    private MachineSnapshot await(Predicate<MachineSnapshot> done) throws LessonRunException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (true) {
            MachineSnapshot s = machine.snapshot();
            if (done.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                machine.pause();
                throw new LessonRunException("the machine did not stop within " + TIMEOUT_NANOS / 1_000_000_000L
                        + " s (last: " + s.state() + " " + s.stopReason() + ")");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LessonRunException("interrupted while waiting for the machine");
            }
        }
    }
}
