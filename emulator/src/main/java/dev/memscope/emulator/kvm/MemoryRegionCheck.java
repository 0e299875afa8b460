package dev.memscope.emulator.kvm;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.MemFlags;

/**
 * The validation of {@code KVM_SET_USER_MEMORY_REGION}, in the kernel's order ({@code kvm_vm_ioctl_set_memory_region}
 * and {@code __kvm_set_memory_region}, virt/kvm/kvm_main.c), as a pure function: the errno, or the kind of change
 * and the slot it replaces. The hole flags' rules follow the proposals (DOMAIN.md section 1): they are checked with
 * the flags (exclusive with READONLY and LOG_DIRTY_PAGES), with the userspace address (must be 0), and with the
 * changes to an existing slot (toggling them is -EINVAL, like toggling READONLY).
 */
public final class MemoryRegionCheck {
    /** {@code KVM_USER_MEM_SLOTS} on x86: {@code KVM_MEM_SLOTS_NUM} (32767) minus 3 private slots. */
    public static final int KVM_USER_MEM_SLOTS = 32764;
    /** {@code KVM_MEM_SLOTS_NUM}. */
    public static final int KVM_MEM_SLOTS_NUM = 32767;
    /** {@code KVM_MEM_MAX_NR_PAGES}: 2^31 - 1. */
    public static final long KVM_MEM_MAX_NR_PAGES = (1L << 31) - 1;
    /** {@code TASK_SIZE_MAX} on x86-64 with 4-level paging: what {@code access_ok} allows. */
    public static final long TASK_SIZE_MAX = (1L << 47) - 4096;

    /** Outcome: {@code errno} (0 or negative); on success the change (null: identical region, no-op) and old slot. */
    public record Decision(int errno, MemslotChange change, Memslot old) {
    }

    private MemoryRegionCheck() {
    }

    public static Decision check(KvmConfig cfg, Memslots[] spaces, int slot, int flags, long gpa, long size,
            long uaddr) {
        int asId = slot >>> 16;
        int id = slot & 0xFFFF;
        // kvm_vm_ioctl_set_memory_region(): (u16)mem->slot >= KVM_USER_MEM_SLOTS
        if (id >= KVM_USER_MEM_SLOTS) {
            return fail(Errno.EINVAL);
        }
        // check_memory_region_flags()
        if (checkFlags(cfg, flags) != 0) {
            return fail(Errno.EINVAL);
        }
        boolean hole = (flags & (MemFlags.ALLONES | MemFlags.PCI_HOLE)) != 0;
        // general sanity checks
        if ((size & 4095) != 0) {
            return fail(Errno.EINVAL);
        }
        if ((gpa & 4095) != 0) {
            return fail(Errno.EINVAL);
        }
        if (hole ? uaddr != 0 : !accessOk(uaddr, size)) {
            return fail(Errno.EINVAL);
        }
        if (asId >= Kvm.ADDRESS_SPACES || id >= KVM_MEM_SLOTS_NUM) {
            return fail(Errno.EINVAL);
        }
        if (Long.compareUnsigned(gpa + size, gpa) < 0) {
            return fail(Errno.EINVAL);
        }
        if (id < KVM_USER_MEM_SLOTS && (size >>> 12) > KVM_MEM_MAX_NR_PAGES) {
            return fail(Errno.EINVAL);
        }
        Memslots slots = spaces[asId];
        Memslot old = slots.idToMemslot(id);
        if (size == 0) {
            if (old == null || old.npages == 0) {
                return fail(Errno.EINVAL);
            }
            return new Decision(0, MemslotChange.DELETE, old);
        }
        long baseGfn = gpa >>> 12;
        long npages = size >>> 12;
        MemslotChange change;
        if (old == null) {
            change = MemslotChange.CREATE;
        } else {
            int sticky = MemFlags.READONLY | MemFlags.GUEST_MEMFD | MemFlags.ALLONES | MemFlags.PCI_HOLE;
            if (uaddr != old.userspaceAddr || npages != old.npages || ((flags ^ old.flags) & sticky) != 0) {
                return fail(Errno.EINVAL);
            }
            if (baseGfn != old.baseGfn) {
                change = MemslotChange.MOVE;
            } else if (flags != (old.flags & ~MemFlags.INVALID)) {
                change = MemslotChange.FLAGS_ONLY;
            } else {
                return new Decision(0, null, old);
            }
        }
        if ((change == MemslotChange.CREATE || change == MemslotChange.MOVE)
                && slots.overlaps(id, baseGfn, baseGfn + npages)) {
            return fail(Errno.EEXIST);
        }
        return new Decision(0, change, old);
    }

    /**
     * {@code check_memory_region_flags()}: LOG_DIRTY_PAGES always; READONLY with the cap; GUEST_MEMFD is not
     * modelled; the hole flags with their caps, and never combined with READONLY or LOG_DIRTY_PAGES (nor with each
     * other).
     */
    static int checkFlags(KvmConfig cfg, int flags) {
        int valid = MemFlags.LOG_DIRTY_PAGES;
        if (cfg.readonlyMemCap()) {
            valid |= MemFlags.READONLY;
        }
        if (cfg.allonesMemCap()) {
            valid |= MemFlags.ALLONES;
        }
        if (cfg.pciHoleMemCap()) {
            valid |= MemFlags.PCI_HOLE;
        }
        if ((flags & ~valid) != 0) {
            return -Errno.EINVAL;
        }
        for (int hole : new int[] {MemFlags.ALLONES, MemFlags.PCI_HOLE}) {
            if ((flags & hole) != 0 && (flags & ~hole) != 0) {
                return -Errno.EINVAL;
            }
        }
        return 0;
    }

    /** {@code access_ok()}: the range lies below TASK_SIZE_MAX (it does not look for a mapping). */
    static boolean accessOk(long uaddr, long size) {
        return (uaddr & 4095) == 0 && Long.compareUnsigned(uaddr, TASK_SIZE_MAX) <= 0
                && Long.compareUnsigned(size, TASK_SIZE_MAX - uaddr) <= 0;
    }

    private static Decision fail(int errno) {
        return new Decision(-errno, null, null);
    }
}
