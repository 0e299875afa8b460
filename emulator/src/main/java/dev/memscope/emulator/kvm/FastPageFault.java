package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.trace.Stat;

/**
 * {@code fast_page_fault()} (arch/x86/kvm/mmu/mmu.c): fix a present SPTE without taking the MMU lock. With A/D bits
 * enabled (always, in the model) only present write faults qualify; an MMU-writable SPTE gets W back and the page is
 * marked dirty. Anything else is {@code RET_PF_INVALID}: the slow path. (The kernel's cmpxchg never loses here: one
 * vCPU, one thread, so the "more than 4 retries" exit cannot happen.)
 */
final class FastPageFault {
    private FastPageFault() {
    }

    /** {@code page_fault_can_be_fast()} with A/D enabled. */
    static boolean canBeFast(KvmPageFault f) {
        return !f.rsvd && f.present && f.write;
    }

    static void run(KvmPageFault f) {
        if (!canBeFast(f)) {
            f.phase = FaultPhase.FAULTIN_PFN;
            return;
        }
        KvmVcpu v = f.vcpu;
        KvmMmu mmu = v.kvm().mmu();
        SpteWalk w = v.walk;
        w.walk(mmu, v.currentRoot(), f.addr, 1);
        long spte = w.spte;
        RetPf ret = RetPf.INVALID;
        if (Spte.isShadowPresentPte(spte) && Spte.isLastSpte(spte, w.level)) {
            if (isAccessAllowed(f, mmu.f, spte)) {
                ret = RetPf.SPURIOUS;
            } else {
                long newSpte = spte;
                boolean hugeInDirtyLoggedSlot = false;
                if (f.write && Spte.isMmuWritableSpte(mmu.f, spte)) {
                    newSpte |= SpteFormat.PT_WRITABLE_MASK;
                    // no write fix on a huge SPTE while the slot is dirty-logged
                    hugeInDirtyLoggedSlot = w.level > 1 && f.slot != null && f.slot.dirtyTrackEnabled();
                }
                if (!hugeInDirtyLoggedSlot && newSpte != spte && isAccessAllowed(f, mmu.f, newSpte)) {
                    // fast_pf_fix_direct_spte(): cmpxchg, then mark the page dirty if W was just set
                    mmu.mmuSpteSet(w.sp, w.index, newSpte);
                    if (f.slot != null) {
                        f.slot.markPageDirty(f.gfn);
                    }
                    ret = RetPf.FIXED;
                }
            }
        }
        long after = w.sp.spte(w.index);
        v.kvm().log().record(EventKind.FAST_PAGE_FAULT, v.id(), f.addr, f.errorCode, w.sptep(), spte, after,
                ret.ordinal());
        if (ret != RetPf.INVALID) {
            v.kvm().stats().inc(Stat.PF_FAST);
            f.spte = after;
            f.finish(ret);
        } else {
            f.phase = FaultPhase.FAULTIN_PFN;
        }
    }

    /** {@code is_access_allowed()}. */
    static boolean isAccessAllowed(KvmPageFault f, SpteFormat fmt, long spte) {
        if (f.exec) {
            return Spte.isExecutablePte(fmt, spte);
        }
        if (f.write) {
            return Spte.isWritablePte(spte);
        }
        return (spte & fmt.presentMask) != 0;
    }
}
