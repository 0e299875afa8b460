package dev.memscope.app.session;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.VariantSwitch;
import dev.memscope.emulator.session.Machine;
import dev.memscope.emulator.session.SessionSetup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a session again on a machine: loads its setup, runs to each live variant switch and makes it, runs to the stop
 * position, then sets the breakpoints (they are off on the way, so that they cannot stop the replay early). The
 * machine is deterministic, so the stop and the event log are those of the run that was saved. Blocks: call it off
 * the JavaFX thread.
 */
public final class Replay {
    /**
     * @param snapshot the machine where the replay ended
     * @param reached whether it stopped at the session's stop position
     * @param message what happened, in words
     */
    public record Result(MachineSnapshot snapshot, boolean reached, String message) {
    }

    private Replay() {
    }

    public static Result run(Machine m, SessionSetup start, List<VariantSwitch> switches, StopAt stop,
            List<Breakpoint> breakpoints, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        m.setBreakpoints(List.of());
        m.load(start);
        if (!barrier(m, deadline)) {
            return new Result(m.snapshot(), false, "the machine did not load the guest within " + timeout.toSeconds()
                    + " s");
        }
        MachineSnapshot s = m.snapshot();
        if (s.state() == RunState.FAILED || s.position() == null) {
            return new Result(s, false, s.stopReason());
        }
        for (int i = 0; i < switches.size(); i++) {
            VariantSwitch sw = switches.get(i);
            s = runTo(m, sw.at(), s, deadline);
            if (!sw.at().equals(s.position())) {
                return missed(s, sw.at(), "the variant switch to " + sw.to());
            }
            m.switchVariant(sw.to());
            barrier(m, deadline);
            s = m.snapshot();
            if (s.variantSwitches().size() != i + 1) {
                return new Result(s, false, "the switch to " + sw.to() + " at " + sw.at().text() + " did not happen: "
                        + s.stopReason());
            }
        }
        s = runTo(m, stop, s, deadline);
        m.setBreakpoints(breakpoints);
        if (!stop.equals(s.position())) {
            return missed(s, stop, "the session's stop");
        }
        return new Result(s, true, "replayed to " + stop.text() + ": " + s.stopReason());
    }

    /**
     * Waits until the machine has carried out every command sent so far: it takes commands in order, so when a no-op
     * sent now has run, so have they. False when the deadline passed first.
     */
    private static boolean barrier(Machine m, long deadline) {
        try {
            m.onMachineThread(vmm -> null).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs to {@code target} (unless the machine already stands at the entry and that is the target). */
    private static MachineSnapshot runTo(Machine m, StopAt target, MachineSnapshot now, long deadline) {
        if (target.equals(new StopAt.Instructions(0)) && target.equals(now.position())) {
            return now;
        }
        m.runTo(target);
        barrier(m, deadline);
        MachineSnapshot s = MachineWait.until(m, x -> x.state() != RunState.RUNNING, deadline);
        if (s == null) {
            m.pause();
            s = MachineWait.until(m, x -> x.state() != RunState.RUNNING, System.nanoTime() + 5_000_000_000L);
        }
        return s == null ? m.snapshot() : s;
    }

    private static Result missed(MachineSnapshot at, StopAt wanted, String what) {
        String where = at.position() == null ? at.state().name().toLowerCase() : at.position().text();
        return new Result(at, false, "the replay did not reach " + what + " at " + wanted.text() + ": it stopped at "
                + where + " (" + at.stopReason() + ")");
    }
}
