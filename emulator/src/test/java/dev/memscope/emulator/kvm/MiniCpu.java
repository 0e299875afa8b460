package dev.memscope.emulator.kvm;

import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.PageRef;
import dev.memscope.emulator.x86.VmExit;
import java.util.function.ToLongFunction;

/**
 * One guest-physical access at a time, the way the CPU and the run loop will drive the model under TDP: the
 * hardware view first, exits handled by the vCPU, EMULATE re-executed through the emulator view, userspace MMIO
 * answered by {@link #userspaceRead} and re-entered. Tests use it as the guest.
 */
final class MiniCpu {
    final KvmVcpu vcpu;
    final PageRef ref = new PageRef();
    final VmExit exit = new VmExit();
    /** The VMM's answer to a KVM_EXIT_MMIO read (default: all-ones, an absent PCI function). */
    ToLongFunction<KvmRun> userspaceRead = run -> -1L;
    int userspaceExits;
    long lastWrite;

    MiniCpu(KvmVcpu vcpu) {
        this.vcpu = vcpu;
    }

    long read(long gpa, int size) {
        for (int tries = 0; tries < 100; tries++) {
            exit.clear();
            ExitAction a;
            if (vcpu.mmioCompletionPending()) {
                a = ExitAction.EMULATE; // complete_emulated_mmio: the emulator goes on, no new exit
            } else {
                int r = vcpu.hardwareMemory().resolve(gpa, Access.READ, -1, false, ref, exit);
                if (r == 0) {
                    return get(ref.page, (int) (gpa & 4095), size);
                }
                a = vcpu.handleExit(exit);
            }
            if (a == ExitAction.REENTER) {
                continue;
            }
            if (a == ExitAction.EMULATE) {
                exit.clear();
                int e = vcpu.emulatorMemory().resolve(gpa, Access.READ, -1, false, ref, exit);
                if (e == 0) {
                    return get(ref.page, (int) (gpa & 4095), size);
                }
                long v = vcpu.emulatorMemory().mmioRead(gpa, size, exit);
                if (exit.reason != VmExit.MMIO) {
                    return v;
                }
                a = vcpu.handleExit(exit);
            }
            if (a == ExitAction.USERSPACE) {
                KvmRun run = vcpu.run();
                if (run.exitReason != KvmExitReason.MMIO) {
                    throw new IllegalStateException("unexpected exit " + KvmExitReason.name(run.exitReason));
                }
                userspaceExits++;
                run.setMmioValue(userspaceRead.applyAsLong(run));
                vcpu.enter();
            }
        }
        throw new IllegalStateException("no progress reading 0x" + Long.toHexString(gpa));
    }

    /** Returns true when the write reached guest memory, false when it went to userspace as KVM_EXIT_MMIO. */
    boolean write(long gpa, int size, long value) {
        for (int tries = 0; tries < 100; tries++) {
            exit.clear();
            int r = vcpu.hardwareMemory().resolve(gpa, Access.WRITE, -1, false, ref, exit);
            if (r == 0) {
                put(ref.page, (int) (gpa & 4095), size, value);
                return true;
            }
            ExitAction a = vcpu.handleExit(exit);
            if (a == ExitAction.REENTER) {
                continue;
            }
            if (a == ExitAction.EMULATE) {
                exit.clear();
                int e = vcpu.emulatorMemory().resolve(gpa, Access.WRITE, -1, false, ref, exit);
                if (e == 0) {
                    put(ref.page, (int) (gpa & 4095), size, value);
                    return true;
                }
                vcpu.emulatorMemory().mmioWrite(gpa, size, value, exit);
                if (exit.reason != VmExit.MMIO) {
                    return true;
                }
                a = vcpu.handleExit(exit);
                userspaceExits++;
                lastWrite = vcpu.run().mmioValue();
                vcpu.enter();
                return false;
            }
            throw new IllegalStateException("unexpected " + a);
        }
        throw new IllegalStateException("no progress writing 0x" + Long.toHexString(gpa));
    }

    static long get(byte[] p, int off, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (p[off + i] & 0xFF);
        }
        return v;
    }

    static void put(byte[] p, int off, int size, long v) {
        for (int i = 0; i < size; i++) {
            p[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
