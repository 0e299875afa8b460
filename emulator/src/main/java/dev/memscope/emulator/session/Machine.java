package dev.memscope.emulator.session;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Introspection;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.vmm.Vmm;
import dev.memscope.emulator.vmm.VmmException;
import dev.memscope.emulator.vmm.VmmStep;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The machine thread (DESIGN.md, "Observation and threading"): the only thread that touches the backend and the VMM.
 * Callers on any thread send commands, which queue; the thread runs the guest in slices, checks commands between
 * slices, and publishes an immutable {@link MachineSnapshot} at every stop and a few times a second while running.
 * It never waits for a caller.
 */
public final class Machine implements MachineControl, AutoCloseable {
    /** Guest instructions per slice when running flat out (the simulated backend checks commands between slices). */
    static final long SLICE_INSTRUCTIONS = 200_000;
    private static final long PUBLISH_INTERVAL_NANOS = 100_000_000L;

    private final BackendFactory factory;
    private final LinkedBlockingQueue<Consumer<Machine>> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final SnapshotBuilder snapshots = new SnapshotBuilder();
    private volatile MachineSnapshot published = MachineSnapshot.empty(0);
    private volatile List<Breakpoint> breakpoints = List.of();
    private volatile boolean closed;
    private volatile VmBackend liveBackend; // for pause(): requestStop is the one thread-safe backend call

    // Machine-thread state.
    private SessionSetup setup;
    private Vmm vmm;
    private RunState state = RunState.NO_GUEST;
    private String stopReason = "";
    private StepKind stepping;
    private long lastPublishNanos;

    public Machine(BackendFactory factory) {
        this.factory = factory;
        this.thread = new Thread(this::loop, "memscope-machine");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    // ---- commands (any thread) --------------------------------------------------------------------------------

    /** Builds the machine for {@code setup} (closing the previous one) and stops at the guest's entry. */
    public void load(SessionSetup setup) {
        send(m -> m.doLoad(setup));
    }

    @Override
    public void run() {
        send(m -> m.doRun(null));
    }

    @Override
    public void pause() {
        VmBackend b = liveBackend;
        if (b != null) {
            b.requestStop();
        }
        send(Machine::doPause);
    }

    @Override
    public void step(StepKind kind) {
        send(m -> m.doRun(kind));
    }

    @Override
    public void reset() {
        send(m -> {
            if (m.setup != null) {
                m.doLoad(m.setup);
            }
        });
    }

    @Override
    public boolean canStep(StepKind kind) {
        MachineSnapshot s = published;
        if (s.setup() == null) {
            return false;
        }
        boolean sim = "sim".equals(s.setup().backend());
        return sim || kind == StepKind.USERSPACE_EXIT;
    }

    @Override
    public List<Breakpoint> breakpoints() {
        return breakpoints;
    }

    @Override
    public void setBreakpoints(List<Breakpoint> list) {
        breakpoints = List.copyOf(list);
    }

    @Override
    public void switchVariant(HoleVariant variant) {
        send(m -> m.doSwitchVariant(variant));
    }

    @Override
    public MachineSnapshot snapshot() {
        return published;
    }

    @Override
    public List<TraceEvent> eventsSince(long fromSeq, int max) {
        VmBackend b = liveBackend;
        return b instanceof Introspection i ? i.eventLog().since(fromSeq, max) : List.of();
    }

    @Override
    public <T> CompletableFuture<T> query(Query<T> query) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        send(m -> {
            try {
                answer.complete(m.answer(query));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** Runs {@code action} on the machine thread with the live VMM (for the app and tests; null without a guest). */
    public <T> CompletableFuture<T> onMachineThread(java.util.function.Function<Vmm, T> action) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        send(m -> {
            try {
                answer.complete(action.apply(m.vmm));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Override
    public void close() {
        closed = true;
        VmBackend b = liveBackend;
        if (b != null) {
            b.requestStop();
        }
        send(Machine::closeVmm);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Consumer<Machine> command) {
        commands.add(command);
    }

    // ---- the machine thread -----------------------------------------------------------------------------------

    private void loop() {
        while (!closed || !commands.isEmpty()) {
            try {
                Consumer<Machine> c = state == RunState.RUNNING ? commands.poll()
                        : commands.poll(50, TimeUnit.MILLISECONDS);
                if (c != null) {
                    c.accept(this);
                    continue;
                }
                if (state == RunState.RUNNING) {
                    runSlice();
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException | Error e) {
                fail("internal error: " + e, e);
            }
        }
        closeVmm();
    }

    private void doLoad(SessionSetup next) {
        closeVmm();
        setup = next;
        stepping = null;
        try {
            VmBackend backend = factory.create(next);
            liveBackend = backend;
            try {
                vmm = Vmm.boot(backend, next.vmmConfig());
            } catch (VmmException | RuntimeException e) {
                backend.close();
                liveBackend = null;
                throw e;
            }
            state = RunState.READY;
            stopReason = "at the guest's entry point";
        } catch (BackendException e) {
            vmm = null;
            state = RunState.FAILED;
            stopReason = "cannot create the " + next.backend() + " backend: " + e.getMessage();
        } catch (VmmException e) {
            vmm = null;
            state = RunState.FAILED;
            stopReason = "cannot set up the guest: " + e.getMessage();
        }
        publish();
    }

    private void doRun(StepKind kind) {
        if (vmm == null || state.finished()) {
            return;
        }
        stepping = kind;
        state = RunState.RUNNING;
        stopReason = "";
        publish();
    }

    private void doPause() {
        if (state == RunState.RUNNING) {
            stop("paused");
        }
    }

    private void doSwitchVariant(HoleVariant variant) {
        if (setup == null) {
            return;
        }
        if (vmm != null && (state == RunState.STOPPED || state == RunState.READY)) {
            try {
                vmm.switchVariant(variant);
                setup = setup.withVariant(variant);
                stopReason = "switched the hole to " + variant + " at this stop";
            } catch (VmmException e) {
                stopReason = "cannot switch to " + variant + ": " + e.getMessage();
            }
            publish();
        } else {
            doLoad(setup.withVariant(variant));
        }
    }

    private void runSlice() {
        VmmStep step = vmm.runOnce(stepping == StepKind.INSTRUCTION ? 1 : SLICE_INSTRUCTIONS);
        switch (step.kind()) {
            case EXITED -> finish(RunState.EXITED, "the guest exited with code " + step.value());
            case FAILED -> finish(RunState.FAILED, step.detail());
            case INTERRUPTED -> {
                if (stepping == StepKind.INSTRUCTION) {
                    stop("stepped one instruction");
                }
            }
            case DEBUG -> stop(step.detail());
            case SYNC -> {
                if (hitsSync(step.value())) {
                    stop("breakpoint: sync value " + step.value());
                }
            }
            case CONTINUE -> {
                if (stepping == StepKind.USERSPACE_EXIT) {
                    stop("exit to userspace: " + KvmExitReason.name(step.kvmExitReason()) + ", " + step.detail());
                } else if (hitsExitReason(step.kvmExitReason())) {
                    stop("breakpoint: exit to userspace " + KvmExitReason.name(step.kvmExitReason()));
                }
            }
            default -> {
            }
        }
        if (state == RunState.RUNNING && System.nanoTime() - lastPublishNanos > PUBLISH_INTERVAL_NANOS) {
            publish();
        }
    }

    private boolean hitsSync(long value) {
        return breakpoints.stream().anyMatch(b -> b instanceof Breakpoint.SyncValue s && s.value() == value);
    }

    private boolean hitsExitReason(int reason) {
        return breakpoints.stream().anyMatch(b -> b instanceof Breakpoint.ExitReason e && e.kvmExitReason() == reason);
    }

    private void stop(String why) {
        state = RunState.STOPPED;
        stepping = null;
        stopReason = why;
        publish();
    }

    private void finish(RunState end, String why) {
        state = end;
        stepping = null;
        stopReason = why;
        publish();
    }

    private void fail(String why, Throwable cause) {
        cause.printStackTrace();
        state = RunState.FAILED;
        stepping = null;
        stopReason = why;
        publish();
    }

    @SuppressWarnings("unchecked")
    private <T> T answer(Query<T> query) {
        if (query instanceof Query.ReadMemory r) {
            if (liveBackend instanceof Introspection i) {
                return (T) i.readGuestPhysical(r.gpa(), r.length());
            }
            throw new IllegalStateException("this backend cannot read guest memory for a view");
        }
        throw new IllegalArgumentException("unknown query " + query);
    }

    private void publish() {
        lastPublishNanos = System.nanoTime();
        published = snapshots.build(published.version() + 1, state, stopReason, setup, vmm);
    }

    private void closeVmm() {
        if (vmm != null) {
            vmm.close();
            vmm = null;
        }
        liveBackend = null;
    }
}
