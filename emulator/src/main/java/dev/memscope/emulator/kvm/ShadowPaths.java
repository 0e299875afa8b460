package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.PrefetchWindow;
import dev.memscope.emulator.api.PrefetchDecision.Policy;
import dev.memscope.emulator.api.PrefetchDecision.Reason;
import dev.memscope.emulator.api.RetPf;

/**
 * The shadow-paging phases of {@code FNAME(page_fault)} (arch/x86/kvm/mmu/paging_tmpl.h): the guest walk, the map
 * step {@code FNAME(fetch)} that builds indirect shadow pages for the guest's tables (write-protecting them) and
 * direct ones below a guest huge page, and {@code FNAME(pte_prefetch)}.
 *
 * <p>Simplifications, stated here and in the help text: shadow SPTEs are always 4K (the kernel may map a guest
 * huge page with a huge SPTE); no shadow page is ever unsync (every guest page-table page stays write-protected, and
 * a guest write to one is emulated); indirect shadow pages are not shared between parents.
 */
final class ShadowPaths {
    private ShadowPaths() {
    }

    static void guestWalk(KvmPageFault f) {
        KvmVcpu v = f.vcpu;
        GuestWalker w = GuestWalker.walk(v, f.addr, f.errorCode & ~Pferr.RSVD);
        f.walker = w;
        if (!w.ok) {
            if (!f.prefetch) {
                v.injectPageFault(f.addr, w.faultErrorCode); // kvm_inject_emulated_page_fault()
            }
            f.finish(RetPf.RETRY);
            return;
        }
        f.gfn = w.gfn;
        f.gpa = (w.gfn << 12) | (f.addr & 4095);
        f.maxLevel = 1; // the model maps shadow SPTEs at 4K only (the kernel uses walker.level)
        f.slot = v.memslots().gfnToMemslot(f.gfn);
        f.phase = FaultPhase.PAGE_TRACK;
    }

    /** {@code FNAME(fetch)}. */
    static void fetch(KvmPageFault f) {
        KvmVcpu v = f.vcpu;
        Kvm kvm = v.kvm();
        KvmMmu mmu = kvm.mmu();
        GuestWalker w = f.walker;
        GuestPagingState ps = v.paging();
        // FNAME(page_fault): a supervisor write with CR0.WP=0 to a read-only page maps it writable, not user
        if (f.write && (w.pteAccess & Spte.ACC_WRITE_MASK) == 0 && !ps.cr0Wp() && !f.user && f.slot != null) {
            w.pteAccess |= Spte.ACC_WRITE_MASK;
            w.pteAccess &= ~Spte.ACC_USER_MASK;
            if (ps.cr4Smep()) {
                w.pteAccess &= ~Spte.ACC_EXEC_MASK;
            }
        }
        if (f.slot != null && f.mmuSeq != kvm.mmuInvalidateSeq) {
            f.finish(RetPf.RETRY); // is_page_fault_stale()
            return;
        }
        KvmMmuPage sp = v.currentRoot();
        long gva = f.addr;
        while (sp.level() > 1) {
            int lvl = sp.level();
            int idx = KvmMmuPage.spteIndex(gva, lvl);
            long spte = sp.spt[idx];
            if (Spte.isShadowPresentPte(spte) && !Spte.isLargePte(spte)) {
                sp = mmu.tableOf(Spte.spteToPfn(spte));
                continue;
            }
            KvmMmuPage child;
            long childGva = gva & -(1L << (12 + (lvl - 1) * 9));
            if (lvl - 1 >= w.level) {
                int role = MmuPageRole.make(lvl - 1, false, Spte.ACC_ALL, ps.eferNx(), ps.cr0Wp(), v.asId());
                child = mmu.allocPage(role, w.tableGfn[lvl - 1], childGva);
            } else {
                long childGfn = w.gfn & -(1L << ((lvl - 1) * 9));
                int role = MmuPageRole.make(lvl - 1, true, w.pteAccess, ps.eferNx(), ps.cr0Wp(), v.asId());
                child = mmu.allocPage(role, childGfn, childGva);
            }
            if (spte != 0) {
                mmu.zapSpte(sp, idx);
            }
            mmu.linkChild(sp, idx, child);
            sp = child;
        }
        int index = KvmMmuPage.spteIndex(gva, 1);
        if (sp.gfns != null) {
            sp.gfns[index] = f.gfn;
        }
        RetPf r = MmuSetSpte.setLeaf(v, sp, index, f.slot, w.pteAccess, f.gfn, f.pfn, f.prefetch, f.mapWritable,
                f.write, f.hva);
        f.leafSp = sp;
        f.leafIndex = index;
        f.spte = sp.spte(index);
        if (r == RetPf.SPURIOUS) {
            f.finish(r);
            return;
        }
        f.result = r;
        f.phase = FaultPhase.PREFETCH;
    }

    /**
     * {@code FNAME(pte_prefetch)}: read the 8 guest PTEs of the window and map them until the first one that is
     * not present, not accessed or has reserved bits, or whose gfn has no usable slot or present host page.
     */
    static PrefetchDecision pteWindow(KvmPageFault f, KvmMmuPage sp) {
        KvmVcpu v = f.vcpu;
        int first = f.leafIndex & ~(Prefetch.PTE_PREFETCH_NUM - 1);
        long windowGfn = sp.getGfn(first);
        if (f.walker == null || f.walker.level != 1) {
            return new PrefetchDecision(Policy.KERNEL_WINDOW, Reason.HUGE_LEVEL, f.gfn, windowGfn, 0, 0, -1, 0,
                    false);
        }
        int mapped = 0;
        HostMemory host = v.kvm().host();
        PrefetchWindowBuilder w = new PrefetchWindowBuilder(sp, first, Prefetch.PTE_PREFETCH_NUM);
        f.windowBuilder = w;
        for (int i = first; i < first + Prefetch.PTE_PREFETCH_NUM; i++) {
            if (i == f.leafIndex || Spte.isShadowPresentPte(sp.spt[i])) {
                w.set(i, i == f.leafIndex ? PrefetchWindow.Outcome.FAULTING_ENTRY
                        : PrefetchWindow.Outcome.ALREADY_PRESENT);
                continue;
            }
            long[] out = new long[1];
            if (!v.readGuestPte((sp.gfn << 12) + i * 8L, out)) {
                w.set(i, PrefetchWindow.Outcome.GUEST_PTE_STOP);
                w.fillAborted();
                return aborted(f, windowGfn, mapped, -1);
            }
            long gpte = out[0];
            if ((gpte & GuestWalker.PT_PRESENT) == 0 || (gpte & GuestWalker.PT_ACCESSED) == 0) {
                w.set(i, PrefetchWindow.Outcome.GUEST_PTE_STOP);
                w.fillAborted();
                return aborted(f, windowGfn, mapped, -1);
            }
            long physMask = ((1L << v.kvm().config().maxPhyAddrBits()) - 1) & ~0xFFFL;
            long gfn = (gpte & physMask) >>> 12;
            if ((gpte & ~physMask & ((1L << 52) - 1) & ~0xFFFL) != 0) {
                w.set(i, PrefetchWindow.Outcome.GUEST_PTE_STOP);
                w.fillAborted();
                return aborted(f, windowGfn, mapped, gfn); // reserved bits
            }
            int access = MmuPageRole.access(sp.role)
                    & (((gpte & GuestWalker.PT_WRITABLE) != 0 ? Spte.ACC_WRITE_MASK : 0)
                    | ((gpte & GuestWalker.PT_USER) != 0 ? Spte.ACC_USER_MASK : 0)
                    | ((gpte & GuestWalker.PT64_NX) != 0 && v.paging().eferNx() ? 0 : Spte.ACC_EXEC_MASK));
            if ((gpte & GuestWalker.PT_DIRTY) == 0) {
                access &= ~Spte.ACC_WRITE_MASK;
            }
            Memslot slot = v.memslots().gfnToMemslot(gfn);
            PrefetchWindow.Outcome failed = slot == null ? PrefetchWindow.Outcome.NO_SLOT
                    : slot.isInvalid() ? PrefetchWindow.Outcome.INVALID_SLOT
                    : (access & Spte.ACC_WRITE_MASK) != 0 && slot.dirtyTrackEnabled()
                            ? PrefetchWindow.Outcome.DIRTY_LOGGED
                    : slot.isReadonly() ? PrefetchWindow.Outcome.READ_ONLY_SLOT
                    : slot.isAllones() || slot.isPciHole() ? PrefetchWindow.Outcome.HOLE_SLOT : null;
            if (failed != null) {
                w.set(i, failed);
                w.fillAborted();
                return aborted(f, windowGfn, mapped, gfn);
            }
            long hva = slot.gfnToHvaMemslot(gfn);
            long pfn = host.hvaToPfn(hva, true, false);
            if (pfn == 0 || KvmPfn.isErrorPfn(pfn)) {
                w.set(i, PrefetchWindow.Outcome.HOST_PAGE_ABSENT);
                w.fillAborted();
                return aborted(f, windowGfn, mapped, gfn);
            }
            sp.gfns[i] = gfn;
            MmuSetSpte.setLeaf(v, sp, i, slot, access, gfn, pfn, true, true, false, hva);
            mapped++;
            w.set(i, PrefetchWindow.Outcome.PREFETCHED);
        }
        return new PrefetchDecision(Policy.KERNEL_WINDOW, Reason.DONE, f.gfn, windowGfn, Prefetch.PTE_PREFETCH_NUM,
                mapped, -1, 0, false);
    }

    private static PrefetchDecision aborted(KvmPageFault f, long windowGfn, int mapped, long stopGfn) {
        return new PrefetchDecision(Policy.KERNEL_WINDOW, Reason.ABORTED_RUN, f.gfn, windowGfn,
                Prefetch.PTE_PREFETCH_NUM, mapped, stopGfn, 0, false);
    }
}
