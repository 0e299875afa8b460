package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRun;
import jnr.ffi.Pointer;

/**
 * {@code KVM_RUN} on one vCPU, with the two ways to make it return early.
 *
 * <p><b>Stop requests</b> ({@link #requestStop()}, any thread): set {@code kvm_run.immediate_exit} and send the
 * {@link KickSignal} to the vCPU thread if it is in {@code KVM_RUN}. A run in progress returns {@code -EINTR}; if no
 * run is in progress, the next one returns at once, without running the guest (the kernel still completes a pending
 * port or MMIO read first).
 *
 * <p><b>Time limits</b>: each run may carry a wall-clock limit; {@link RunWatchdog} expires it the same way. A limit
 * that passes just as the run exits for another reason is dropped, so it never cuts the next run short.
 *
 * <p>Either way the run reports {@code KVM_EXIT_INTR}, with {@link KvmRun#detail} saying which. An {@code EINTR}
 * caused by any other signal (the JVM has its own) is not reported: the run re-enters the guest.
 */
final class VcpuRun implements RunWatchdog.Target {
    /** No time limit. */
    static final long NO_LIMIT = Long.MAX_VALUE;

    private final Native nat;
    private final int vcpuFd;
    private final Pointer run;
    private final KickSignal kick;
    private final KvmRun kvmRun = new KvmRun();
    private final Object lock = new Object();

    // Guarded by lock.
    private boolean closed;
    private boolean inRun;
    private int runningTid;
    private boolean stopRequested;
    private boolean deadlineExpired;
    private volatile long deadlineNanos = RunWatchdog.NONE;

    // Machine thread only.
    private boolean answerPending;
    private Thread tidThread;
    private int tid;

    VcpuRun(Native nat, int vcpuFd, Pointer run, KickSignal kick) {
        this.nat = nat;
        this.vcpuFd = vcpuFd;
        this.run = run;
        this.kick = kick;
    }

    KvmRun kvmRun() {
        return kvmRun;
    }

    void requestStop() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            stopRequested = true;
            run.putByte(KvmRunCodec.IMMEDIATE_EXIT, (byte) 1);
            if (inRun) {
                kick.kick(nat, runningTid);
            }
        }
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public void expire() {
        synchronized (lock) {
            long deadline = deadlineNanos;
            if (closed || !inRun || deadline == RunWatchdog.NONE || System.nanoTime() - deadline < 0) {
                return;
            }
            deadlineNanos = RunWatchdog.NONE;
            deadlineExpired = true;
            run.putByte(KvmRunCodec.IMMEDIATE_EXIT, (byte) 1);
            kick.kick(nat, runningTid);
        }
    }

    /** Runs until an exit userspace must handle, a stop request, or {@code limitNanos} of wall-clock time. */
    KvmRun run(long limitNanos) {
        if (answerPending) {
            KvmRunCodec.writeAnswer(run, kvmRun);
            answerPending = false;
        }
        int self = currentTid();
        long deadline = limitNanos == NO_LIMIT ? RunWatchdog.NONE : System.nanoTime() + Math.max(limitNanos, 0);
        for (;;) {
            synchronized (lock) {
                if (closed) {
                    throw new IllegalStateException("the KVM backend is closed");
                }
                inRun = true;
                runningTid = self;
                if (limitNanos <= 0) {
                    deadlineExpired = true; // a zero budget: only complete pending I/O
                    run.putByte(KvmRunCodec.IMMEDIATE_EXIT, (byte) 1);
                } else {
                    deadlineNanos = deadline;
                }
            }
            if (deadline != RunWatchdog.NONE && limitNanos > 0) {
                RunWatchdog.get().armed(deadline);
            }
            int r = nat.libc.ioctl(vcpuFd, KvmIoctl.KVM_RUN, 0L);
            int errno = r < 0 ? nat.errno() : 0;
            String stopReason = null;
            synchronized (lock) {
                inRun = false;
                deadlineNanos = RunWatchdog.NONE;
                if (errno == Errno.EINTR && (stopRequested || deadlineExpired)) {
                    stopReason = stopRequested ? "stop requested" : limitNanos <= 0
                            ? "zero budget: pending I/O completed, no guest instruction run"
                            : String.format("time limit of %.3f ms ran out", limitNanos / 1e6);
                    stopRequested = false;
                    deadlineExpired = false;
                    run.putByte(KvmRunCodec.IMMEDIATE_EXIT, (byte) 0);
                } else if (deadlineExpired) {
                    deadlineExpired = false; // this run ended anyway; keep the limit from hitting the next one
                    if (!stopRequested) {
                        run.putByte(KvmRunCodec.IMMEDIATE_EXIT, (byte) 0);
                    }
                }
            }
            if (errno == Errno.EINTR && stopReason == null) {
                if (deadline != RunWatchdog.NONE && System.nanoTime() - deadline >= 0) {
                    stopReason = String.format("time limit of %.3f ms ran out", limitNanos / 1e6);
                } else {
                    continue; // a signal that was not ours: go back into the guest
                }
            }
            return report(r, errno, stopReason);
        }
    }

    private KvmRun report(int r, int errno, String stopReason) {
        if (stopReason != null) {
            kvmRun.clear();
            kvmRun.exitReason = KvmExitReason.INTR;
            kvmRun.detail = stopReason;
            return kvmRun;
        }
        if (r < 0) {
            kvmRun.clear();
            if (errno == Errno.EFAULT && run.getInt(KvmRunCodec.EXIT_REASON) == KvmExitReason.MEMORY_FAULT) {
                KvmRunCodec.read(run, kvmRun);
            } else {
                kvmRun.exitReason = KvmExitReason.INTERNAL_ERROR;
            }
            kvmRun.detail = "KVM_RUN failed with -" + Errno.name(errno)
                    + (kvmRun.detail == null ? "" : ": " + kvmRun.detail);
            return kvmRun;
        }
        KvmRunCodec.read(run, kvmRun);
        answerPending = (kvmRun.exitReason == KvmExitReason.IO && kvmRun.ioDirection == KvmRun.IO_IN)
                || (kvmRun.exitReason == KvmExitReason.MMIO && !kvmRun.mmioIsWrite);
        return kvmRun;
    }

    private int currentTid() {
        if (tidThread != Thread.currentThread()) {
            tid = nat.libc.gettid();
            tidThread = Thread.currentThread();
        }
        return tid;
    }

    /** After this, requestStop and the watchdog never touch kvm_run again; the caller may unmap it. */
    void close() {
        synchronized (lock) {
            closed = true;
            deadlineNanos = RunWatchdog.NONE;
        }
    }
}
