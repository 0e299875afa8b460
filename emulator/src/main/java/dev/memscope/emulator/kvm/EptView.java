package dev.memscope.emulator.kvm;

import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.PageRef;
import dev.memscope.emulator.x86.PhysicalMemory;
import dev.memscope.emulator.x86.VmExit;

/**
 * Guest-physical memory as the hardware sees it under TDP: a walk of the EPT tables (the SPTEs) on a TLB miss.
 * Not-present or insufficient permissions give an EPT violation, an MMIO SPTE (write+exec without read) an EPT
 * misconfiguration. The walk is a few array reads and never allocates. Like the CPU, it sets the SPTE's Accessed bit
 * (and Dirty on a write) itself: these hardware updates do not go through KVM's SPTE door and record no event.
 */
final class EptView implements PhysicalMemory {
    private final KvmVcpu vcpu;

    EptView(KvmVcpu vcpu) {
        this.vcpu = vcpu;
    }

    @Override
    public int resolve(long gpa, int access, long gla, boolean pageWalk, PageRef out, VmExit exit) {
        KvmMmu mmu = vcpu.kvm().mmu();
        KvmMmuPage sp = mmu.directRootOrNull(vcpu.asId());
        long perms = 7;
        long spte = 0;
        int idx = 0;
        if (sp != null) {
            while (true) {
                int lvl = sp.level();
                idx = (int) ((gpa >>> (12 + (lvl - 1) * 9)) & 511);
                spte = sp.spt[idx];
                long rwx = spte & 7;
                if (rwx == 0) {
                    perms = 0;
                    break;
                }
                if ((rwx & 3) == 2) { // writable but not readable: EPT misconfiguration (the MMIO SPTE marker)
                    exit.reason = VmExit.EPT_MISCONFIG;
                    exit.gpa = gpa;
                    exit.gla = gla;
                    return EXIT;
                }
                perms &= rwx;
                if (lvl == 1 || (spte & SpteFormat.PT_PAGE_SIZE_MASK) != 0) {
                    break;
                }
                sp = mmu.tableOf(Spte.spteToPfn(spte));
            }
        } else {
            perms = 0;
        }
        long need = access == Access.WRITE ? 2 : access == Access.FETCH ? 4 : 1;
        if ((perms & need) == 0) {
            exit.reason = VmExit.EPT_VIOLATION;
            exit.gpa = gpa;
            exit.gla = gla;
            long q = need | (perms << 3);
            if (gla != -1) {
                q |= 1L << 7;
                if (!pageWalk) {
                    q |= 1L << 8;
                }
            }
            exit.qualification = q;
            return EXIT;
        }
        // the CPU's own A/D update of the EPT entry
        long ad = access == Access.WRITE ? (1L << 8) | (1L << 9) : 1L << 8;
        if ((spte & ad) != ad) {
            spte |= ad;
            sp.spt[idx] = spte;
        }
        int lvl = sp.level();
        long pfn = Spte.spteToPfn(spte) + ((gpa >>> 12) & ((1L << ((lvl - 1) * 9)) - 1));
        out.set(vcpu.kvm().host().pageOfPfn(pfn), (perms & 2) != 0 && (spte & (1L << 9)) != 0, (perms & 4) != 0);
        if (!pageWalk && vcpu.observes(gpa)) {
            out.observe = true;
            vcpu.observedAccess(gpa, access);
        }
        return RESOLVED;
    }

    @Override
    public long mmioRead(long gpa, int size, VmExit exit) {
        // The hardware view resolves only RAM; MMIO goes through a VM exit and the emulator view.
        exit.reason = VmExit.EPT_VIOLATION;
        exit.gpa = gpa;
        exit.qualification = 1;
        return 0;
    }

    @Override
    public void mmioWrite(long gpa, int size, long value, VmExit exit) {
        exit.reason = VmExit.EPT_VIOLATION;
        exit.gpa = gpa;
        exit.qualification = 2;
    }
}
