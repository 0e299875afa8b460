package dev.memscope.views.common;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.emulator.api.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A MachineControl for pane tests: serves a snapshot and events that the test sets, answers queries with functions
 * the test registers, and records the commands it receives. Answers complete at once (on the caller's thread).
 */
public final class FakeMachine implements MachineControl {
    public volatile MachineSnapshot snapshot = MachineSnapshot.empty(0);
    public final List<TraceEvent> events = new ArrayList<>();
    public final List<String> commands = new ArrayList<>();
    private final Map<Class<?>, Function<Query<?>, ?>> answers = new HashMap<>();
    private List<Breakpoint> breakpoints = List.of();

    @SuppressWarnings("unchecked")
    public <T, Q extends Query<T>> FakeMachine answer(Class<Q> type, Function<Q, T> answer) {
        answers.put(type, q -> answer.apply((Q) q));
        return this;
    }

    @Override
    public MachineSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public synchronized List<TraceEvent> eventsSince(long fromSeq, int max) {
        return events.stream().filter(e -> e.seq() >= fromSeq).limit(max).toList();
    }

    @Override
    public void run() {
        commands.add("run");
    }

    @Override
    public void pause() {
        commands.add("pause");
    }

    @Override
    public void step(StepKind kind) {
        commands.add("step " + kind);
    }

    @Override
    public void reset() {
        commands.add("reset");
    }

    @Override
    public boolean canStep(StepKind kind) {
        return true;
    }

    @Override
    public List<Breakpoint> breakpoints() {
        return breakpoints;
    }

    @Override
    public void setBreakpoints(List<Breakpoint> list) {
        breakpoints = List.copyOf(list);
        commands.add("breakpoints " + list.size());
    }

    @Override
    public void switchVariant(HoleVariant variant) {
        commands.add("variant " + variant.cliName());
    }

    @Override
    public CompletableFuture<dev.memscope.emulator.api.PreFaultResult> preFaultMemory(long gpa, long size,
            long flags) {
        commands.add(String.format("prefault 0x%x 0x%x %d", gpa, size, flags));
        return CompletableFuture.completedFuture(new dev.memscope.emulator.api.PreFaultResult(gpa, size, flags, 0,
                gpa + size, 0, 1));
    }

    @Override
    public CompletableFuture<Integer> setDirtyLogging(int slot, boolean on) {
        commands.add("dirty-logging " + slot + " " + on);
        return CompletableFuture.completedFuture(0);
    }

    @Override
    public CompletableFuture<dev.memscope.emulator.api.DirtyLogPull> pullDirtyLog(int slot) {
        commands.add("pull-dirty-log " + slot);
        return CompletableFuture.completedFuture(new dev.memscope.emulator.api.DirtyLogPull(slot, 0, 16384, 0, 0,
                new long[0]));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> query(Query<T> query) {
        Function<Query<?>, ?> f = answers.get(query.getClass());
        if (f == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no answer for " + query));
        }
        return CompletableFuture.completedFuture((T) f.apply(query));
    }
}
