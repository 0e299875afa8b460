package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.trace.Stat;
import dev.memscope.emulator.x86.VmExit;

/**
 * The exit handlers of one vCPU ({@code vmx_handle_exit} and the handlers it dispatches to:
 * {@code handle_ept_violation}, {@code handle_ept_misconfig}, {@code handle_exception_nmi} for the #PF intercept,
 * {@code handle_io}, {@code kvm_emulate_halt}) and the tail of {@code kvm_mmu_page_fault()}.
 */
final class VcpuExits {
    private final KvmVcpu vcpu;

    VcpuExits(KvmVcpu vcpu) {
        this.vcpu = vcpu;
    }

    private KvmRun run() {
        return vcpu.run();
    }

    /**
     * Starts the fault of a page-fault exit (EPT violation, EPT misconfiguration, #PF intercept under shadow
     * paging), recording {@code kvm_exit} and {@code kvm_page_fault}; null for other exits. The fault has not run
     * any phase yet.
     */
    KvmPageFault pageFaultFor(VmExit exit) {
        switch (exit.reason) {
            case VmExit.EPT_VIOLATION -> {
                traceExit(exit, exit.qualification, 0, 0);
                long err = Pferr.fromEptViolation(exit.qualification);
                vcpu.kvm().log().record(EventKind.KVM_PAGE_FAULT, vcpu.id(), exit.rip, exit.gpa, exit.qualification);
                return vcpu.fault(exit.gpa, err, false);
            }
            case VmExit.EPT_MISCONFIG -> {
                traceExit(exit, 0, 0, 0);
                // handle_ept_misconfig(): no ioeventfd (fast MMIO) is modelled, so straight to the MMIO check
                return vcpu.fault(exit.gpa, Pferr.RSVD, false);
            }
            case VmExit.EXCEPTION_NMI -> {
                if (exit.vector != 14) {
                    return null;
                }
                traceExit(exit, exit.gla, KvmVcpu.PF_INTR_INFO, exit.errorCode);
                vcpu.kvm().log().record(EventKind.KVM_PAGE_FAULT, vcpu.id(), exit.rip, exit.gla, exit.errorCode);
                return vcpu.fault(exit.gla, exit.errorCode, false);
            }
            default -> {
                return null;
            }
        }
    }

    /** The tail of {@code kvm_mmu_page_fault()}: counters, then emulate, inject, exit to userspace, or re-enter. */
    ExitAction completeFault(KvmPageFault f) {
        if (!f.isDone()) {
            throw new IllegalStateException("fault not done: " + f);
        }
        vcpu.recordFault(f);
        if (f.errno != 0) {
            run().clear();
            if (f.errno == -Errno.EINTR) {
                run().exitReason = KvmExitReason.INTR;
            } else {
                run().exitReason = KvmVcpu.KVM_EXIT_MEMORY_FAULT;
                run().detail = "KVM_RUN failed with " + Errno.describeResult(f.errno) + " at gpa 0x"
                        + Long.toHexString(f.gfn << 12);
            }
            vcpu.kvm().log().record(EventKind.KVM_USERSPACE_EXIT, vcpu.id(), run().exitReason, f.errno);
            return ExitAction.USERSPACE;
        }
        RetPf r = f.result;
        if (r == RetPf.WRITE_PROTECTED) {
            // kvm_mmu_write_protect_fault(): a write to a shadowed guest page table is emulated
            r = RetPf.EMULATE;
        }
        switch (r) {
            case FIXED -> vcpu.kvm().stats().inc(Stat.PF_FIXED);
            case EMULATE -> vcpu.kvm().stats().inc(Stat.PF_EMULATE);
            case SPURIOUS -> vcpu.kvm().stats().inc(Stat.PF_SPURIOUS);
            default -> {
            }
        }
        if (vcpu.pfPending) {
            return ExitAction.INJECT_PAGE_FAULT;
        }
        if (r == RetPf.EMULATE) {
            vcpu.kvm().stats().inc(Stat.INSN_EMULATION);
            return ExitAction.EMULATE;
        }
        return ExitAction.REENTER;
    }

    ExitAction handleOtherExit(VmExit exit) {
        switch (exit.reason) {
            case VmExit.IO_INSTRUCTION -> {
                long qual = (exit.size - 1) | (exit.isWrite ? 0 : 8) | ((long) exit.port << 16);
                traceExit(exit, qual, 0, 0);
                vcpu.kvm().stats().inc(Stat.IO_EXITS);
                run().clear();
                run().exitReason = KvmExitReason.IO;
                run().ioDirection = exit.isWrite ? KvmRun.IO_OUT : KvmRun.IO_IN;
                run().ioSize = exit.size;
                run().ioPort = exit.port;
                run().ioData = exit.isWrite ? exit.value : 0;
                vcpu.kvm().log().record(EventKind.KVM_PIO, vcpu.id(), exit.isWrite ? 1 : 0, exit.port, exit.size, 1,
                        exit.isWrite ? exit.value : 0);
                return userspace();
            }
            case VmExit.HLT -> {
                traceExit(exit, 0, 0, 0);
                vcpu.kvm().stats().inc(Stat.HALT_EXITS);
                run().clear();
                run().exitReason = KvmExitReason.HLT; // no in-kernel LAPIC: kvm_emulate_halt() exits to userspace
                return userspace();
            }
            case VmExit.MMIO -> {
                return userspace(); // the emulator view already filled kvm_run
            }
            default -> {
                traceExit(exit, 0, 0, 0);
                run().clear();
                run().exitReason = KvmExitReason.INTERNAL_ERROR;
                run().detail = "unhandled exit " + VmExit.reasonName(exit.reason)
                        + (exit.message != null ? ": " + exit.message : "");
                return userspace();
            }
        }
    }

    private ExitAction userspace() {
        vcpu.kvm().log().record(EventKind.KVM_USERSPACE_EXIT, vcpu.id(), run().exitReason, 0);
        return ExitAction.USERSPACE;
    }

    private void traceExit(VmExit exit, long info1, int intrInfo, long errorCode) {
        vcpu.kvm().stats().inc(Stat.EXITS);
        vcpu.kvm().log().record(EventKind.KVM_EXIT, vcpu.id(), exit.reason, exit.rip, info1, 0, intrInfo, errorCode);
    }
}
