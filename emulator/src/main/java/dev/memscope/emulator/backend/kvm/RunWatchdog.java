package dev.memscope.emulator.backend.kvm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends {@code KVM_RUN} calls that pass their time limit. Real KVM cannot count guest instructions, so a run is bounded
 * by wall-clock time instead: each vCPU publishes its deadline while it is in {@code KVM_RUN}, and one daemon thread for
 * the whole process sleeps until the earliest deadline and then asks that vCPU to stop. The thread wakes only when a
 * deadline is due or an earlier one is armed; a busy run loop costs it one wake-up per time limit, not one per exit.
 */
final class RunWatchdog {
    /** A vCPU with a deadline. */
    interface Target {
        /** {@link System#nanoTime()} at which the current run must stop; {@link #NONE} when none is running. */
        long deadlineNanos();

        /** The deadline has passed: make the run return. Called on the watchdog thread. */
        void expire();
    }

    static final long NONE = Long.MIN_VALUE;
    private static final RunWatchdog INSTANCE = new RunWatchdog();

    private final Set<Target> targets = ConcurrentHashMap.newKeySet();
    private volatile boolean idle = true;
    private volatile long wakeAtNanos;
    private Thread thread;

    static RunWatchdog get() {
        return INSTANCE;
    }

    void register(Target target) {
        targets.add(target);
    }

    void unregister(Target target) {
        targets.remove(target);
    }

    /** A target has just published {@code deadline}: wake the thread if it sleeps past it. */
    void armed(long deadlineNanos) {
        if (idle || deadlineNanos - wakeAtNanos < 0) {
            LockSupport.unpark(thread());
        }
    }

    private synchronized Thread thread() {
        if (thread == null) {
            thread = new Thread(this::loop, "memscope-kvm-run-watchdog");
            thread.setDaemon(true);
            thread.start();
        }
        return thread;
    }

    private void loop() {
        for (;;) {
            long now = System.nanoTime();
            long next = scan(now, true);
            // Publish when we sleep until, then look again: a deadline armed meanwhile is either seen here or sees
            // the published value and unparks us (both sides use volatiles, so one of them must notice).
            idle = next == NONE;
            wakeAtNanos = next;
            long again = scan(now, false);
            if (again != NONE && (next == NONE || again - next < 0)) {
                continue;
            }
            if (next == NONE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, next - now);
            }
            idle = false;
        }
    }

    /** The earliest deadline still ahead of {@code now}; expires the passed ones when {@code expire} is set. */
    private long scan(long now, boolean expire) {
        long next = NONE;
        for (Target t : targets) {
            long deadline = t.deadlineNanos();
            if (deadline == NONE) {
                continue;
            }
            if (deadline - now <= 0) {
                if (expire) {
                    t.expire();
                }
                continue;
            }
            if (next == NONE || deadline - next < 0) {
                next = deadline;
            }
        }
        return next;
    }
}
