package dev.memscope.emulator.backend.kvm;

import static dev.memscope.emulator.backend.kvm.LibC.MAP_ANONYMOUS;
import static dev.memscope.emulator.backend.kvm.LibC.MAP_PRIVATE;
import static dev.memscope.emulator.backend.kvm.LibC.PROT_EXEC;
import static dev.memscope.emulator.backend.kvm.LibC.PROT_READ;
import static dev.memscope.emulator.backend.kvm.LibC.PROT_WRITE;

import dev.memscope.emulator.backend.BackendException;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The signal that kicks a vCPU thread out of {@code KVM_RUN}: a real-time signal whose handler does nothing. A
 * signal that arrives while the thread is in {@code KVM_RUN} makes it return {@code -EINTR} with
 * {@code KVM_EXIT_INTR}; one that arrives anywhere else runs the empty handler and is gone. That is why a stop
 * request also sets {@code kvm_run.immediate_exit}, the pattern Documentation/virt/kvm/api.rst describes for it.
 *
 * <p>The handler is one {@code ret} instruction in a page of its own: no Java runs in signal context. It is
 * installed once per process, on the first real-time signal that nobody else handles (skipping the top three, which
 * the JDK's NIO uses for its own interrupts), and stays for the life of the process, as does its page.
 */
final class KickSignal {
    /** glibc x86-64 {@code struct sigaction}: handler at 0, sa_mask (128 bytes) at 8, sa_flags at 136. */
    private static final int SIGACTION_SIZE = 152;
    private static final int SA_FLAGS = 136;
    private static final byte RET = (byte) 0xC3;

    private static KickSignal installed;

    private final int signo;
    private final int pid;

    private KickSignal(int signo, int pid) {
        this.signo = signo;
        this.pid = pid;
    }

    static synchronized KickSignal install(Native nat) throws BackendException {
        if (installed == null) {
            installed = new KickSignal(installHandler(nat), nat.libc.getpid());
        }
        return installed;
    }

    int signo() {
        return signo;
    }

    /** Sends the signal to one thread of this process; a thread that has gone just means nothing to kick. */
    void kick(Native nat, int tid) {
        nat.libc.tgkill(pid, tid, signo);
    }

    private static int installHandler(Native nat) throws BackendException {
        int signo = freeSignal(nat);
        long page = nat.libc.mmap(null, HostMemory.PAGE_4K, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
                0);
        if (page == -1) {
            throw new BackendException("mapping the page of the vCPU kick handler failed", nat.errno());
        }
        nat.pointer(page, 1).putByte(0, RET);
        if (nat.libc.mprotect(page, HostMemory.PAGE_4K, PROT_READ | PROT_EXEC) != 0) {
            int errno = nat.errno();
            nat.libc.munmap(page, HostMemory.PAGE_4K);
            throw new BackendException("making the vCPU kick handler executable failed", errno);
        }
        Pointer act = Memory.allocateDirect(nat.runtime, SIGACTION_SIZE, true);
        act.putLong(0, page);
        act.putInt(SA_FLAGS, LibC.SA_RESTART);
        if (nat.libc.sigaction(signo, act, null) != 0) {
            int errno = nat.errno();
            nat.libc.munmap(page, HostMemory.PAGE_4K);
            throw new BackendException("installing the vCPU kick handler for signal " + signo + " failed", errno);
        }
        return signo;
    }

    /** The lowest real-time signal whose action is still SIG_DFL, below the three the JDK may use. */
    private static int freeSignal(Native nat) throws BackendException {
        int min = nat.libc.__libc_current_sigrtmin();
        int max = nat.libc.__libc_current_sigrtmax() - 3;
        Pointer old = Memory.allocateDirect(nat.runtime, SIGACTION_SIZE, true);
        for (int signo = min; signo <= max; signo++) {
            if (nat.libc.sigaction(signo, null, old) == 0 && old.getLong(0) == 0) {
                return signo;
            }
        }
        throw new BackendException("no free real-time signal (SIGRTMIN " + min + " to " + max + ") to kick vCPUs "
                + "out of KVM_RUN with");
    }
}
