package dev.memscope.emulator.session;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Introspection;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.vmm.Vmm;
import dev.memscope.emulator.vmm.VmmException;
import dev.memscope.emulator.vmm.VmmStep;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The machine thread (DESIGN.md, "Observation and threading"; docs/decisions/0001): the only thread that touches the
 * backend and the VMM. Callers on any thread send commands, which queue; the thread runs the guest in slices, checks
 * commands between slices, and publishes an immutable {@link MachineSnapshot} at every stop and a few times a second
 * while running. It never waits for a caller.
 *
 * <p>Stops happen in two places: between slices (an instruction step, a RIP breakpoint, an exit to userspace, a sync
 * value, a pause), and inside the simulated machine (between fault phases, at a memory access, when an SPTE or a
 * memslot changes), where the machine thread blocks in {@link #stopInside} and keeps serving queries until the user
 * resumes. Commands that rebuild the machine (load, reset, a variant switch) are deferred to the top level.
 */
public final class Machine implements MachineControl, AutoCloseable {
    /** Guest instructions per slice when running flat out (the simulated backend checks commands between slices). */
    static final long SLICE_INSTRUCTIONS = 200_000;
    private static final long PUBLISH_INTERVAL_NANOS = 100_000_000L;

    /** How a command may run: resuming a stop, only at the top level (rebuilding), or anywhere. */
    private enum Kind {
        RESUME, TOP, ANY
    }

    private record Command(Kind kind, Consumer<Machine> action) {
    }

    private final BackendFactory factory;
    private final LinkedBlockingDeque<Command> commands = new LinkedBlockingDeque<>();
    private final Thread thread;
    private final SnapshotBuilder snapshots = new SnapshotBuilder();
    private volatile MachineSnapshot published = MachineSnapshot.empty(0);
    private volatile List<Breakpoint> breakpoints = List.of();
    private volatile boolean closed;
    private volatile VmBackend liveBackend; // for pause(): requestStop is the one thread-safe backend call

    // Machine-thread state.
    private SessionSetup setup;
    private Vmm vmm;
    private SimDebugger debugger;
    private RunState state = RunState.NO_GUEST;
    private String stopReason = "";
    private StepKind stepping;
    private StopAt target;
    private long userspaceExits;
    private final Whereabouts where = new Whereabouts();
    private boolean unwinding;
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
        send(Kind.TOP, m -> m.doLoad(setup));
    }

    @Override
    public void run() {
        send(Kind.RESUME, m -> m.doRun(null, null));
    }

    /** Runs until {@code target} (or the end, a breakpoint, a failure). */
    public void runTo(StopAt target) {
        send(Kind.RESUME, m -> m.doRun(null, target));
    }

    @Override
    public void pause() {
        VmBackend b = liveBackend;
        if (b != null) {
            b.requestStop();
        }
        send(Kind.ANY, Machine::doPause);
    }

    @Override
    public void step(StepKind kind) {
        send(Kind.RESUME, m -> m.doRun(kind, null));
    }

    @Override
    public void reset() {
        send(Kind.TOP, m -> {
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
        return "sim".equals(s.setup().backend()) || kind == StepKind.USERSPACE_EXIT;
    }

    @Override
    public List<Breakpoint> breakpoints() {
        return breakpoints;
    }

    @Override
    public void setBreakpoints(List<Breakpoint> list) {
        breakpoints = List.copyOf(list);
        send(Kind.ANY, Machine::refreshHooks);
    }

    @Override
    public void switchVariant(HoleVariant variant) {
        send(Kind.TOP, m -> m.doSwitchVariant(variant));
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
        send(Kind.ANY, m -> {
            try {
                answer.complete(Queries.answer(m.liveBackend, m.vmm, query));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Override
    public CompletableFuture<dev.memscope.emulator.api.PreFaultResult> preFaultMemory(long gpa, long size,
            long flags) {
        return atAStop("pre-fault memory", m -> {
            var range = new dev.memscope.emulator.backend.KvmPreFaultMemory(gpa, size);
            range.flags = flags;
            int r = m.liveBackend.preFaultMemory(range);
            m.publish();
            return new dev.memscope.emulator.api.PreFaultResult(gpa, size, flags, r, range.gpa, range.size, -1);
        });
    }

    @Override
    public CompletableFuture<Integer> setDirtyLogging(int slot, boolean on) {
        return atAStop("change dirty logging", m -> {
            dev.memscope.emulator.api.MemslotInfo info = m.slot(slot);
            int flags = on ? info.flags() | dev.memscope.emulator.backend.MemFlags.LOG_DIRTY_PAGES
                    : info.flags() & ~dev.memscope.emulator.backend.MemFlags.LOG_DIRTY_PAGES;
            int r = m.liveBackend.setUserMemoryRegion(slot, flags, info.gpaStart(), info.npages() << 12,
                    info.userspaceAddr());
            m.stopReason = String.format("memslot %d: dirty logging %s (KVM_SET_USER_MEMORY_REGION, FLAGS_ONLY) "
                    + "returned %s", slot, on ? "on" : "off", dev.memscope.emulator.backend.Errno.describeResult(r));
            m.publish();
            return r;
        });
    }

    @Override
    public CompletableFuture<dev.memscope.emulator.api.DirtyLogPull> pullDirtyLog(int slot) {
        return atAStop("pull the dirty log", m -> {
            dev.memscope.emulator.api.MemslotInfo info = m.slot(slot);
            long[] bitmap = new long[(int) ((info.npages() + 63) / 64)];
            int r = m.liveBackend.getDirtyLog(slot, bitmap);
            long count = 0;
            java.util.List<Long> gfns = new java.util.ArrayList<>();
            for (int w = 0; w < bitmap.length; w++) {
                long bits = bitmap[w];
                while (bits != 0) {
                    int b = Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    count++;
                    if (gfns.size() < 4096) {
                        gfns.add(info.baseGfn() + w * 64L + b);
                    }
                }
            }
            m.publish();
            return new dev.memscope.emulator.api.DirtyLogPull(slot, info.baseGfn(), info.npages(), r, count,
                    gfns.stream().mapToLong(Long::longValue).toArray());
        });
    }

    private dev.memscope.emulator.api.MemslotInfo slot(int id) {
        java.util.List<dev.memscope.emulator.api.MemslotInfo> slots = liveBackend instanceof Introspection i
                ? i.memslots() : vmm.memslotInfos();
        return slots.stream().filter(x -> x.asId() == 0 && x.id() == id).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no memslot " + id + " in address space 0"));
    }

    /** Runs {@code action} on the machine thread when the machine is loaded and not running. */
    private <T> CompletableFuture<T> atAStop(String what, java.util.function.Function<Machine, T> action) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        send(Kind.ANY, m -> {
            try {
                if (m.vmm == null || m.liveBackend == null) {
                    throw new IllegalStateException("cannot " + what + ": no guest is loaded");
                }
                if (m.state == RunState.RUNNING) {
                    throw new IllegalStateException("cannot " + what + " while the guest runs: pause it first");
                }
                answer.complete(action.apply(m));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** Runs {@code action} on the machine thread with the live VMM (for the app and tests; null without a guest). */
    public <T> CompletableFuture<T> onMachineThread(java.util.function.Function<Vmm, T> action) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        send(Kind.ANY, m -> {
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
        send(Kind.TOP, Machine::closeVmm);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Kind kind, Consumer<Machine> action) {
        commands.add(new Command(kind, action));
    }

    // ---- read by the debugger's hooks (machine thread) --------------------------------------------------------

    StepKind stepping() {
        return stepping;
    }

    StopAt target() {
        return target;
    }

    /**
     * A stop inside the running machine (between fault phases, at a memory access...): publishes it and serves
     * commands on the machine thread until one resumes. A command that must run at the top level makes the run end
     * soon instead, and is taken again there.
     */
    void stopInside(String why, StopAt at, boolean exact) {
        if (unwinding || closed) {
            return;
        }
        where.inside(at, exact);
        state = RunState.STOPPED;
        stopReason = why;
        stepping = null;
        target = null;
        publish();
        try {
            while (!closed) {
                Command c = commands.poll(50, TimeUnit.MILLISECONDS);
                if (c == null) {
                    continue;
                }
                if (c.kind() == Kind.TOP) {
                    commands.addFirst(c);
                    unwinding = true;
                    if (liveBackend != null) {
                        liveBackend.requestStop();
                    }
                    state = RunState.RUNNING;
                    return;
                }
                c.action().accept(this);
                if (c.kind() == Kind.RESUME && state == RunState.RUNNING) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
        }
    }

    // ---- the machine thread -----------------------------------------------------------------------------------

    private void loop() {
        while (!closed || !commands.isEmpty()) {
            try {
                Command c = state == RunState.RUNNING ? commands.poll() : commands.poll(50, TimeUnit.MILLISECONDS);
                if (c != null) {
                    c.action().accept(this);
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
        target = null;
        userspaceExits = 0;
        unwinding = false;
        where.clear();
        try {
            VmBackend backend = factory.create(next);
            liveBackend = backend;
            if (backend instanceof SimBackend sim) {
                debugger = new SimDebugger(this, next.map());
                sim.setDebugHooks(debugger, debugger);
            }
            try {
                vmm = Vmm.boot(backend, next.vmmConfig());
            } catch (VmmException | RuntimeException e) {
                backend.close();
                liveBackend = null;
                throw e;
            }
            if (debugger != null) {
                debugger.entered();
            }
            state = RunState.READY;
            stopReason = "at the guest's entry point";
            where.entered();
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

    private void doRun(StepKind kind, StopAt to) {
        if (vmm == null || state.finished()) {
            return;
        }
        stepping = kind;
        target = to;
        state = RunState.RUNNING;
        stopReason = "";
        refreshHooks();
        if (to instanceof StopAt.Instructions n && instructions() >= n.count()) {
            stop("at " + n.text());
            return;
        }
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
                HoleVariant from = setup.variant();
                vmm.switchVariant(variant);
                where.switched(from, variant);
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

    private void refreshHooks() {
        if (liveBackend instanceof SimBackend sim) {
            sim.cpu().hooksChanged();
        }
    }

    long instructions() {
        return liveBackend instanceof Introspection i ? i.instructionsRetired() : -1;
    }

    private void runSlice() {
        long budget = stepping == StepKind.INSTRUCTION ? 1 : SLICE_INSTRUCTIONS;
        if (target instanceof StopAt.Instructions n) {
            budget = Math.min(budget, n.count() - instructions());
        }
        VmmStep step = vmm.runOnce(budget);
        if (step.kind() == VmmStep.Kind.SYNC || step.kind() == VmmStep.Kind.CONTINUE) {
            userspaceExits++;
        }
        where.afterRun(step, userspaceExits, instructions(), debugger);
        if (unwinding) {
            unwinding = false;
            stop("stopped to carry out the next command");
            return;
        }
        switch (step.kind()) {
            case EXITED -> finish(RunState.EXITED, "the guest exited with code " + step.value());
            case FAILED -> finish(RunState.FAILED, step.detail());
            case INTERRUPTED -> {
                if (stepping == StepKind.INSTRUCTION) {
                    stop("stepped one instruction");
                } else if (target instanceof StopAt.Instructions n && instructions() >= n.count()) {
                    stop("at " + n.text());
                }
            }
            case DEBUG -> stop(debugger != null ? debugger.debugStopReason : step.detail());
            case SYNC -> {
                if (target instanceof StopAt.Sync s && s.value() == step.value()) {
                    stop("sync value " + step.value() + " (" + s.text() + ")");
                } else if (breakpoints.stream().anyMatch(b -> b instanceof Breakpoint.SyncValue v
                        && v.value() == step.value())) {
                    stop("breakpoint: sync value " + step.value());
                } else {
                    afterUserspaceExit(step);
                }
            }
            case CONTINUE -> afterUserspaceExit(step);
            default -> {
            }
        }
        if (state == RunState.RUNNING && System.nanoTime() - lastPublishNanos > PUBLISH_INTERVAL_NANOS) {
            publish();
        }
    }

    private void afterUserspaceExit(VmmStep step) {
        String exit = KvmExitReason.name(step.kvmExitReason()) + ", " + step.detail();
        if (stepping == StepKind.USERSPACE_EXIT) {
            stop("exit to userspace: " + exit);
        } else if (target instanceof StopAt.NthExit n && n.n() == userspaceExits) {
            stop("exit to userspace #" + userspaceExits + ": " + exit + " (" + n.text() + ")");
        } else if (breakpoints.stream().anyMatch(b -> b instanceof Breakpoint.ExitReason e
                && e.kvmExitReason() == step.kvmExitReason())) {
            stop("breakpoint: exit to userspace " + exit);
        } else if (step.kvmExitReason() == KvmExitReason.MMIO && debugger != null) {
            debugger.holeHit(step.value(), "access", "by an exit to userspace");
        }
    }

    private void stop(String why) {
        state = RunState.STOPPED;
        stepping = null;
        target = null;
        stopReason = why;
        publish();
    }

    private void finish(RunState end, String why) {
        state = end;
        stepping = null;
        target = null;
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

    private void publish() {
        lastPublishNanos = System.nanoTime();
        boolean still = state != RunState.RUNNING;
        published = snapshots.build(published.version() + 1, state, stopReason, setup, vmm,
                still ? where.position() : null, still && where.exact(), where.switches());
    }

    private void closeVmm() {
        if (vmm != null) {
            vmm.close();
            vmm = null;
        }
        liveBackend = null;
        debugger = null;
    }
}
