package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;

/**
 * {@code FNAME(walk_addr_generic)} (arch/x86/kvm/mmu/paging_tmpl.h) for 64-bit 4-level guest paging: KVM reads the
 * guest's page tables through the memslots (not through the CPU), checks reserved bits and permissions, and sets the
 * guest's Accessed (and, for a write, Dirty) bits through {@code kvm_vcpu_map}, as the GPTE patch does. A result;
 * one per fault. (32-bit, PAE and 5-level guest paging are not modelled.)
 */
final class GuestWalker {
    static final long PT_PRESENT = 1, PT_WRITABLE = 2, PT_USER = 4, PT_ACCESSED = 1L << 5, PT_DIRTY = 1L << 6;
    static final long PT_PAGE_SIZE = 1L << 7, PT64_NX = 1L << 63;

    boolean ok;
    /** On failure: the #PF error code to inject. */
    long faultErrorCode;
    long gfn;
    /** PG_LEVEL of the guest mapping (1 4K, 2 2M, 3 1G). */
    int level;
    int pteAccess;
    final long[] tableGfn = new long[5];
    final long[] ptes = new long[5];
    final long[] pteGpa = new long[5];

    static GuestWalker walk(KvmVcpu v, long addr, long access) {
        GuestWalker w = new GuestWalker();
        w.doWalk(v, addr, access);
        return w;
    }

    private void doWalk(KvmVcpu v, long addr, long access) {
        GuestPagingState ps = v.paging();
        Kvm kvm = v.kvm();
        boolean writeFault = (access & Pferr.WRITE) != 0;
        boolean userFault = (access & Pferr.USER) != 0;
        boolean fetchFault = (access & Pferr.FETCH) != 0;
        kvm.log().record(EventKind.KVM_MMU_PAGETABLE_WALK, v.id(), addr, access);
        long physMask = ((1L << kvm.config().maxPhyAddrBits()) - 1) & ~0xFFFL;
        long table = (ps.cr3() & physMask) >>> 12;
        int acc = Spte.ACC_ALL;
        int lvl = 4;
        long pte;
        while (true) {
            int idx = (int) ((addr >>> (12 + 9 * (lvl - 1))) & 511);
            long gpa = (table << 12) + idx * 8L;
            tableGfn[lvl] = table;
            pteGpa[lvl] = gpa;
            long[] out = new long[1];
            if (!v.readGuestPte(gpa, out)) {
                fault(v, access & (Pferr.WRITE | Pferr.USER | Pferr.FETCH));
                return;
            }
            pte = out[0];
            ptes[lvl] = pte;
            kvm.log().record(EventKind.KVM_MMU_PAGING_ELEMENT, v.id(), pte, lvl);
            if ((pte & PT_PRESENT) == 0) {
                fault(v, access & (Pferr.WRITE | Pferr.USER | (ps.eferNx() || ps.cr4Smep() ? Pferr.FETCH : 0)));
                return;
            }
            if (rsvdBitsSet(pte, lvl, physMask, ps.eferNx())) {
                fault(v, Pferr.PRESENT | Pferr.RSVD | (access & (Pferr.WRITE | Pferr.USER | Pferr.FETCH)));
                return;
            }
            int pteAcc = ((pte & PT_WRITABLE) != 0 ? Spte.ACC_WRITE_MASK : 0)
                    | ((pte & PT_USER) != 0 ? Spte.ACC_USER_MASK : 0)
                    | ((pte & PT64_NX) != 0 && ps.eferNx() ? 0 : Spte.ACC_EXEC_MASK);
            acc &= pteAcc;
            if (lvl == 1 || (lvl <= 3 && (pte & PT_PAGE_SIZE) != 0)) {
                break;
            }
            table = (pte & physMask) >>> 12;
            lvl--;
        }
        level = lvl;
        long frame = (pte & physMask) >>> 12;
        if (lvl > 1) {
            long span = 1L << ((lvl - 1) * 9);
            frame = (frame & -span) | ((addr >>> 12) & (span - 1));
        }
        gfn = frame;
        pteAccess = acc;
        // permission_fault()
        boolean fail = false;
        if (userFault && (acc & Spte.ACC_USER_MASK) == 0) {
            fail = true;
        }
        if (writeFault && (acc & Spte.ACC_WRITE_MASK) == 0 && (userFault || ps.cr0Wp())) {
            fail = true;
        }
        if (fetchFault && (acc & Spte.ACC_EXEC_MASK) == 0) {
            fail = true;
        }
        if (!userFault && (acc & Spte.ACC_USER_MASK) != 0) {
            if (fetchFault && ps.cr4Smep()) {
                fail = true;
            }
            if (!fetchFault && ps.cr4Smap()) {
                fail = true; // EFLAGS.AC is not looked at: SMAP always applies to supervisor data accesses
            }
        }
        if (fail) {
            fault(v, Pferr.PRESENT | (access & (Pferr.WRITE | Pferr.USER))
                    | (fetchFault && (ps.eferNx() || ps.cr4Smep()) ? Pferr.FETCH : 0));
            return;
        }
        updateAccessedDirtyBits(v, writeFault);
        if (!writeFault && (ptes[level] & PT_DIRTY) == 0) {
            pteAccess &= ~Spte.ACC_WRITE_MASK; // FNAME(protect_clean_gpte): the first write must fault
        }
        ok = true;
    }

    /** {@code FNAME(update_accessed_dirty_bits)}: set A on every level, and D on the leaf for a write. */
    private void updateAccessedDirtyBits(KvmVcpu v, boolean writeFault) {
        for (int lvl = 4; lvl >= level; lvl--) {
            long pte = ptes[lvl];
            long want = pte | PT_ACCESSED;
            if (lvl == level && writeFault) {
                want |= PT_DIRTY;
            }
            if (want == pte) {
                continue;
            }
            int idx = (int) ((pteGpa[lvl] & 4095) >>> 3);
            if ((pte & PT_ACCESSED) == 0) {
                v.kvm().log().record(EventKind.KVM_MMU_SET_ACCESSED_BIT, v.id(), pteGpa[lvl]);
            }
            if ((want & PT_DIRTY) != 0 && (pte & PT_DIRTY) == 0) {
                v.kvm().log().record(EventKind.KVM_MMU_SET_DIRTY_BIT, v.id(), pteGpa[lvl]);
            }
            v.writeGuestPteMapped(tableGfn[lvl], idx, want);
            ptes[lvl] = want;
        }
    }

    private static boolean rsvdBitsSet(long pte, int level, long physMask, boolean nx) {
        long rsvd = ((1L << 52) - 1) & ~physMask & ~0xFFFL;
        if (!nx) {
            rsvd |= PT64_NX;
        }
        if (level == 4) {
            rsvd |= PT_PAGE_SIZE;
        } else if ((pte & PT_PAGE_SIZE) != 0 && level > 1) {
            rsvd |= ((1L << ((level - 1) * 9 + 12)) - 1) & ~0x1FFFL; // bits 13.. below the page frame
        }
        return (pte & rsvd) != 0;
    }

    private void fault(KvmVcpu v, long errorCode) {
        ok = false;
        faultErrorCode = errorCode;
        v.kvm().log().record(EventKind.KVM_MMU_WALKER_ERROR, v.id(), errorCode);
    }
}
