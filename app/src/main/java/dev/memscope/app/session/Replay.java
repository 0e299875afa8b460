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
        long v = m.snapshot().version();
        m.load(start);
        MachineSnapshot s = MachineWait.until(m, x -> x.version() > v && (x.state() == RunState.READY
                || x.state() == RunState.FAILED) && x.setup() != null, deadline);
        if (s == null || s.state() == RunState.FAILED) {
            return new Result(m.snapshot(), false, s == null ? "the machine did not load the guest within "
                    + timeout.toSeconds() + " s" : s.stopReason());
        }
        for (int i = 0; i < switches.size(); i++) {
            VariantSwitch sw = switches.get(i);
            s = runTo(m, sw.at(), s, deadline);
            if (!sw.at().equals(s.position())) {
                return missed(m, s, sw.at(), "the variant switch to " + sw.to());
            }
            int done = i + 1;
            m.switchVariant(sw.to());
            s = MachineWait.until(m, x -> x.variantSwitches().size() == done, deadline);
            if (s == null) {
                return new Result(m.snapshot(), false, "the switch to " + sw.to() + " at " + sw.at().text()
                        + " did not happen: " + m.snapshot().stopReason());
            }
        }
        s = runTo(m, stop, s, deadline);
        m.setBreakpoints(breakpoints);
        if (!stop.equals(s.position())) {
            return missed(m, s, stop, "the session's stop");
        }
        return new Result(s, true, "replayed to " + stop.text() + ": " + s.stopReason());
    }

    /** Runs to {@code target} unless the machine stands at the entry and the target is the entry. */
    private static MachineSnapshot runTo(Machine m, StopAt target, MachineSnapshot now, long deadline) {
        if (target.equals(new StopAt.Instructions(0)) && target.equals(now.position())) {
            return now;
        }
        long v = now.version();
        m.runTo(target);
        MachineSnapshot s = MachineWait.until(m, x -> x.version() > v && x.state() != RunState.RUNNING, deadline);
        if (s == null) {
            m.pause();
            return MachineWait.until(m, x -> x.state() != RunState.RUNNING, System.nanoTime() + 5_000_000_000L);
        }
        return s;
    }

    private static Result missed(Machine m, MachineSnapshot s, StopAt wanted, String what) {
        MachineSnapshot at = s == null ? m.snapshot() : s;
        String where = at.position() == null ? at.state().name().toLowerCase() : at.position().text();
        return new Result(at, false, "the replay did not reach " + what + " at " + wanted.text() + ": it stopped at "
                + where + " (" + at.stopReason() + ")");
    }
}
