package dev.memscope.emulator.kvm;

import dev.memscope.emulator.trace.Stat;
import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.Cpu;
import dev.memscope.emulator.x86.TlbFill;
import dev.memscope.emulator.x86.Translator;
import dev.memscope.emulator.x86.VmExit;

/**
 * The hardware's view under shadow paging: CR3 points at KVM's shadow tables, whose SPTEs (x86 PTE format) map
 * guest-virtual addresses to host pages. A missing or insufficient SPTE is a #PF, which KVM intercepts
 * (EXCEPTION_NMI exit, vector 14); an MMIO SPTE has a reserved bit, so its #PF carries RSVD. Like the CPU, the walk
 * sets the SPTE's Accessed and Dirty bits itself, outside KVM's SPTE door.
 */
final class ShadowTranslator implements Translator {
    private final KvmVcpu vcpu;

    ShadowTranslator(KvmVcpu vcpu) {
        this.vcpu = vcpu;
    }

    @Override
    public int translate(Cpu cpu, long la, int access, int cpl, TlbFill out, VmExit exit) {
        KvmMmu mmu = vcpu.kvm().mmu();
        SpteFormat f = mmu.f;
        KvmMmuPage sp = vcpu.currentRoot();
        long err = (access == Access.WRITE ? Pferr.WRITE : 0) | (cpl == 3 ? Pferr.USER : 0)
                | (access == Access.FETCH && vcpu.paging().eferNx() ? Pferr.FETCH : 0);
        long spte;
        int idx;
        while (true) {
            int lvl = sp.level();
            idx = KvmMmuPage.spteIndex(la, lvl);
            spte = sp.spt[idx];
            if (!Spte.isShadowPresentPte(spte)) {
                if (Spte.isMmioSpte(f, spte)) {
                    err |= Pferr.PRESENT | Pferr.RSVD;
                }
                return pageFault(exit, la, err);
            }
            if (Spte.isLastSpte(spte, lvl)) {
                break;
            }
            sp = mmu.tableOf(Spte.spteToPfn(spte));
        }
        boolean w = Spte.isWritablePte(spte);
        boolean u = (spte & f.userMask) != 0;
        boolean x = (spte & f.nxMask) == 0;
        if ((access == Access.WRITE && !w) || (cpl == 3 && !u) || (access == Access.FETCH && !x)) {
            return pageFault(exit, la, err | Pferr.PRESENT);
        }
        long ad = f.accessedMask | (access == Access.WRITE ? f.dirtyMask : 0);
        if ((spte & ad) != ad) {
            spte |= ad;
            sp.spt[idx] = spte;
        }
        out.gpa = sp.getGfn(idx) << 12;
        out.page = vcpu.kvm().host().pageOfPfn(Spte.spteToPfn(spte));
        out.writable = w && (spte & f.dirtyMask) != 0;
        out.user = u;
        out.executable = x;
        out.level = 1;
        out.observe = vcpu.observes(out.gpa);
        if (out.observe) {
            vcpu.observedAccess(out.gpa | (la & 0xFFF), access);
        }
        return OK;
    }

    private static int pageFault(VmExit exit, long la, long err) {
        exit.reason = VmExit.EXCEPTION_NMI;
        exit.vector = 14;
        exit.errorCode = err;
        exit.gla = la;
        return EXIT;
    }

    /** {@code kvm_mmu_invlpg()}: the model drops the leaf for the address (no unsync pages to sync). */
    @Override
    public void invlpg(Cpu cpu, long la) {
        vcpu.kvm().stats().inc(Stat.INVLPG);
        KvmMmu mmu = vcpu.kvm().mmu();
        SpteWalk w = vcpu.walk;
        w.walk(mmu, vcpu.currentRoot(), la, 1);
        if (w.spte != 0 && (Spte.isMmioSpte(mmu.f, w.spte) || Spte.isLastSpte(w.spte, w.level))) {
            mmu.zapSpte(w.sp, w.index);
            mmu.flushIfPending(0);
        }
    }

    /** {@code kvm_mmu_reset_context()}: the root role changes with CR0.WP, EFER.NXE...; look it up again. */
    @Override
    public void pagingModeChanged(Cpu cpu) {
        vcpu.dropShadowRoots();
    }
}
