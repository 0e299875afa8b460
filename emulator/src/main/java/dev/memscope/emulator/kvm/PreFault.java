package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.PreFaultResult;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmPreFaultMemory;

/**
 * {@code KVM_PRE_FAULT_MEMORY}: the generic loop {@code kvm_vcpu_pre_fault_memory()} (virt/kvm/kvm_main.c) over the
 * x86 step {@code kvm_arch_vcpu_pre_fault_memory()} and {@code kvm_tdp_map_page()} (arch/x86/kvm/mmu/mmu.c), as
 * Documentation/virt/kvm/api.rst 4.143 describes them.
 */
final class PreFault {
    /** The model's bound on RET_PF_RETRY loops (the kernel loops until a signal): a guard, never reached in tests. */
    private static final int MAX_RETRIES = 1_000_000;

    private PreFault() {
    }

    static int preFaultMemory(KvmVcpu v, KvmPreFaultMemory range) {
        long gpa0 = range.gpa;
        long size0 = range.size;
        int[] steps = {0};
        int r = generic(v, range, steps);
        v.kvm().log().record(EventKind.PRE_FAULT_MEMORY, v.id(), gpa0, size0, r, range.gpa, range.size);
        v.lastPreFault = new PreFaultResult(gpa0, size0, range.flags, r, range.gpa, range.size, steps[0]);
        return r;
    }

    private static int generic(KvmVcpu v, KvmPreFaultMemory range, int[] steps) {
        if (range.flags != 0) {
            return -Errno.EINVAL; // padding is not checked
        }
        if ((range.gpa & 4095) != 0 || (range.size & 4095) != 0
                || Long.compareUnsigned(range.gpa + range.size, range.gpa) <= 0) {
            return -Errno.EINVAL;
        }
        long fullSize = range.size;
        long r;
        do {
            if (v.signalPending()) {
                r = -Errno.EINTR;
                break;
            }
            r = arch(v, range);
            if (r < 0) {
                break;
            }
            range.size -= r;
            range.gpa += r;
            steps[0]++;
        } while (range.size != 0);
        // success if at least one page was processed; the rest of the range stays in the struct
        return fullSize == range.size ? (int) r : 0;
    }

    /** {@code kvm_arch_vcpu_pre_fault_memory()}: how many bytes from range.gpa are now mapped, or -errno. */
    private static long arch(KvmVcpu v, KvmPreFaultMemory range) {
        if (!v.kvm().config().mmuMode().isTdp() || v.paging().guestMode()) {
            return -Errno.EOPNOTSUPP; // the MMU is not indexed by GPA: shadow paging, or a nested guest
        }
        long errorCode = Pferr.GUEST_FINAL;
        int[] level = {1};
        int r = tdpMapPage(v, range.gpa, errorCode, level);
        if (r < 0) {
            return r;
        }
        long hugeSize = 1L << (12 + (level[0] - 1) * 9);
        long end = (range.gpa & -hugeSize) + hugeSize;
        return Math.min(range.size, end - range.gpa);
    }

    /** {@code kvm_tdp_map_page()}: a prefetch read fault, repeated while RETRY. */
    private static int tdpMapPage(KvmVcpu v, long gpa, long errorCode, int[] level) {
        KvmPageFault f;
        int tries = 0;
        do {
            if (v.signalPending()) {
                return -Errno.EINTR;
            }
            f = new KvmPageFault(v, gpa, errorCode, true);
            f.runToCompletion();
            v.recordFault(f);
            if (f.errno != 0) {
                return f.errno; // -EAGAIN for a slot being deleted or moved, -EFAULT, -EINTR
            }
        } while (f.result == RetPf.RETRY && ++tries < MAX_RETRIES);
        level[0] = f.goalLevel;
        return switch (f.result) {
            case FIXED, SPURIOUS, WRITE_PROTECTED -> 0;
            case EMULATE -> -Errno.ENOENT; // no memslot, or MMIO
            default -> -Errno.EIO;
        };
    }
}
