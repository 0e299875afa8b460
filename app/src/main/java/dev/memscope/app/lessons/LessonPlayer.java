package dev.memscope.app.lessons;

import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.session.BackendFactory;
import dev.memscope.emulator.session.Machine;
import dev.memscope.emulator.session.SessionSetup;
import java.util.HashMap;
import java.util.Map;

/**
 * Plays a lesson on a machine, step by step, on the caller's thread (never the JavaFX thread). Going forward runs on
 * from where the previous step left the machine; going back, jumping, a change of setup, or a machine that someone
 * else moved since, replays the step's run from the guest's entry: the simulated machine is deterministic, so the
 * replay stops in the same state. Questions are answered on a second machine that plays on to the next step, so
 * checking an answer never moves the machine the class is looking at.
 */
public final class LessonPlayer {
    /** A step as shown: the explanation with the machine's numbers filled in, and the state it describes. */
    public record Played(Lesson lesson, LessonStep step, String text, StopState state) {
    }

    /** Makes the session setup of a lesson setup (the catalog guest's image, scenario and defaults). */
    public interface Setups {
        SessionSetup of(LessonSetup setup) throws LessonRunException;
    }

    private final MachineSteps machine;
    private final Setups setups;
    private final BackendFactory probeBackends;
    private Lesson lesson;
    private int position = -1;
    private int loadedStart = -1;
    private long lastVersion = -1;
    private final Map<Integer, StopState> reached = new HashMap<>();
    private StopState atLoad;
    private EventTally tally;

    /** @param probeBackends makes the backends of the second machine that answers questions */
    public LessonPlayer(Machine machine, Setups setups, BackendFactory probeBackends) {
        this.machine = new MachineSteps(machine);
        this.setups = setups;
        this.probeBackends = probeBackends;
    }

    /** Brings the machine to step {@code index} of {@code l} and describes it. */
    public Played goTo(Lesson l, int index) throws LessonRunException {
        if (index < 0 || index >= l.steps().size()) {
            throw new IllegalArgumentException("lesson " + l.id() + " has no step " + (index + 1));
        }
        try {
            return play(l, index);
        } catch (LessonRunException e) {
            loadedStart = -1; // where the machine is now is not a step: replay next time
            throw e;
        }
    }

    private Played play(Lesson l, int index) throws LessonRunException {
        int start = l.segmentStart(index);
        boolean runOn = l.equals(lesson) && loadedStart == start && position <= index
                && machine.machine().snapshot().version() == lastVersion;
        if (!runOn) {
            replayFrom(l, start);
        }
        for (int i = position + 1; i <= index; i++) {
            runStep(l.steps().get(i));
        }
        lastVersion = machine.machine().snapshot().version();
        LessonStep step = l.steps().get(index);
        StopState now = reached.get(index);
        StopState before = index > start ? reached.get(index - 1) : atLoad;
        return new Played(l, step, Placeholders.fill(step.text(), now, before), now);
    }

    /** What the machine answers to step {@code index}'s question, measured on a second machine. */
    public long answer(Lesson l, int index) throws LessonRunException {
        LessonQuestion q = l.steps().get(index).question();
        if (q == null) {
            throw new IllegalArgumentException("step " + (index + 1) + " asks no question");
        }
        try (Machine probe = new Machine(probeBackends)) {
            LessonPlayer p = new LessonPlayer(probe, setups, probeBackends);
            StopState here = p.goTo(l, index).state();
            StopState next = p.goTo(l, index + 1).state();
            long at = Measures.value(next, q.measure());
            return q.delta() ? at - Measures.value(here, q.measure()) : at;
        }
    }

    private void replayFrom(Lesson l, int start) throws LessonRunException {
        lesson = l;
        loadedStart = start;
        reached.clear();
        MachineSnapshot s = machine.load(setups.of(l.steps().get(start).setup()));
        tally = new EventTally();
        atLoad = tally.read(machine.machine(), s, machine.preFaults());
        position = start - 1;
    }

    private void runStep(LessonStep step) throws LessonRunException {
        MachineSnapshot s = machine.machine().snapshot();
        if (step.stop() != null) {
            s = machine.runTo(step.stop());
            if (!reachedStop(step.stop(), s)) {
                loadedStart = -1; // the machine is somewhere else now: replay next time
                throw new LessonRunException("step " + (step.index() + 1) + " (\"" + step.title() + "\") never "
                        + "reached its stop " + step.stop().text() + ": " + s.state() + ", " + s.stopReason());
            }
        }
        if (step.switchTo() != null) {
            s = machine.switchVariant(step.switchTo());
        }
        reached.put(step.index(), tally.read(machine.machine(), s, machine.preFaults()));
        position = step.index();
    }

    private static boolean reachedStop(StopAt stop, MachineSnapshot s) {
        if (stop instanceof StopAt.End) {
            return s.state() == dev.memscope.emulator.api.RunState.EXITED;
        }
        return s.state() == dev.memscope.emulator.api.RunState.STOPPED && s.stopReason().contains(stop.text());
    }
}
