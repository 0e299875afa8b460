package dev.memscope.app.cli;

import dev.memscope.app.session.Replay;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.session.Machine;
import java.time.Duration;
import java.util.List;

/** Runs a plan on a machine of its own, without a window, and keeps the event log. */
final class HeadlessRun {
    /** Where the run ended and its events. */
    record Outcome(Replay.Result result, List<TraceEvent> events) {
        boolean loadFailed() {
            return result.snapshot().state() == RunState.FAILED && result.snapshot().position() == null;
        }
    }

    private HeadlessRun() {
    }

    static Outcome run(RunPlan plan, Duration timeout, Machine machine) {
        Replay.Result r = Replay.run(machine, plan.setup(), plan.switches(), plan.stop(), plan.breakpoints(), timeout);
        return new Outcome(r, machine.eventsSince(0, Integer.MAX_VALUE));
    }
}
