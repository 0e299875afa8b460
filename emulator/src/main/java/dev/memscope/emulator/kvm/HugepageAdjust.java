package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.HugepageDecision;
import dev.memscope.emulator.api.HugepageDecision.Reason;

/**
 * {@code kvm_mmu_hugepage_adjust()} and {@code kvm_mmu_max_mapping_level()} (arch/x86/kvm/mmu/mmu.c) as a pure
 * decision, then applied to the fault (goal level, pfn rounded down to the huge page).
 */
final class HugepageAdjust {
    private HugepageAdjust() {
    }

    static void run(KvmPageFault f) {
        Kvm kvm = f.vcpu.kvm();
        HugepageDecision d = decide(f, kvm.host());
        f.hugepage = d;
        f.reqLevel = d.reqLevel();
        f.goalLevel = d.goalLevel();
        if (f.goalLevel > 1) {
            long mask = (1L << ((f.goalLevel - 1) * 9)) - 1;
            f.pfn &= ~mask;
        }
        kvm.log().record(EventKind.HUGEPAGE_ADJUST, f.vcpu.id(), f.gfn, f.maxLevel, f.reqLevel, f.goalLevel,
                d.reason().ordinal());
        long pfnTraced = KvmPfn.isErrorNoslotPfn(f.pfn) ? f.pfn
                : f.pfn | (f.gfn & ((1L << ((f.goalLevel - 1) * 9)) - 1));
        kvm.log().record(EventKind.KVM_MMU_SPTE_REQUESTED, f.vcpu.id(), f.gfn, pfnTraced, f.goalLevel);
        f.phase = FaultPhase.MAP;
    }

    /** The level the fault will be mapped at, and why. Reads the slot, the host mapping; changes nothing. */
    static HugepageDecision decide(KvmPageFault f, HostMemory host) {
        int max = f.maxLevel;
        boolean nxDisallowed = f.exec && f.nxHugePageWorkaroundEnabled;
        if (max == 1) {
            return HugepageDecision.of(max, 1, 1, Reason.MAX_LEVEL_4K);
        }
        if (KvmPfn.isErrorNoslotPfn(f.pfn)) {
            return HugepageDecision.of(max, 1, 1, Reason.ERROR_OR_NOSLOT_PFN);
        }
        Memslot slot = f.slot;
        if (slot.dirtyTrackEnabled()) {
            return HugepageDecision.of(max, 1, 1, Reason.DIRTY_LOGGING);
        }
        // kvm_mmu_max_mapping_level()
        int level = Math.min(max, 3);
        while (level > 1 && slot.disallowLpage(f.gfn, level) != 0) {
            level--;
        }
        if (level == 1) {
            return HugepageDecision.of(max, 1, 1, Reason.DISALLOW_LPAGE);
        }
        int hostLevel = slot.isAllones() ? 1 : host.hostMappingLevel(slot.gfnToHvaMemslot(f.gfn));
        int req = Math.min(hostLevel, level);
        if (req == 1) {
            return HugepageDecision.of(max, 1, 1, Reason.HOST_MAPPING_LEVEL);
        }
        if (nxDisallowed) {
            return HugepageDecision.of(max, req, 1, Reason.NX_HUGE_PAGE);
        }
        return HugepageDecision.of(max, req, req, req < level ? Reason.HOST_MAPPING_LEVEL : Reason.HUGE_ALLOWED);
    }
}
