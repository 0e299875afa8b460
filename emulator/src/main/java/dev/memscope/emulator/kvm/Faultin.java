package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.backend.Errno;

/**
 * {@code kvm_mmu_faultin_pfn()}, {@code kvm_handle_noslot_fault()} and {@code kvm_handle_error_pfn()}
 * (arch/x86/kvm/mmu/mmu.c), with the host lookup of {@code __kvm_faultin_pfn()} / {@code hva_to_pfn()}, and the two
 * hole proposals' changes to this step.
 */
final class Faultin {
    private Faultin() {
    }

    static void run(KvmPageFault f) {
        KvmVcpu v = f.vcpu;
        Kvm kvm = v.kvm();
        Memslot slot = f.slot;
        f.mmuSeq = kvm.mmuInvalidateSeq;
        if (slot == null) {
            noslot(f, f.walker != null ? f.walker.pteAccess : Spte.ACC_ALL);
            return;
        }
        // A slot being deleted or moved: retry, or -EAGAIN for a prefault (no forward-progress guarantee)
        if (slot.isInvalid()) {
            if (f.prefetch) {
                f.fail(-Errno.EAGAIN);
            } else {
                f.finish(RetPf.RETRY);
            }
            return;
        }
        if (kvm.mmuInvalidateInProgress > 0) { // mmu_invalidate_retry_gfn_unsafe()
            f.finish(RetPf.RETRY);
            return;
        }
        // KVM_MEM_PCI_HOLE v2: every access is emulated, before any pfn lookup (reads are answered in the kernel)
        if (slot.isPciHole()) {
            f.pfn = KvmPfn.NOSLOT;
            f.finish(RetPf.EMULATE);
            return;
        }
        // KVM_MEM_ALLONES RFC: reads map the shared 0xff page read-only
        if (slot.isAllones()) {
            if (!f.write) {
                f.pfn = KvmPfn.ALLONES_PAGE;
                f.mapWritable = false;
                f.phase = FaultPhase.HUGEPAGE_ADJUST;
            } else if (kvm.config().allonesRfcWriteBug()) {
                noslot(f, Spte.ACC_ALL); // the RFC as posted: NOSLOT, so an MMIO SPTE gets cached
            } else {
                f.pfn = KvmPfn.ERR_RO_FAULT; // the review's fix: the read-only path, no MMIO SPTE
                f.finish(RetPf.EMULATE);
            }
            return;
        }
        // __gfn_to_hva_many(): a write to a read-only slot is KVM_HVA_ERR_RO_BAD -> KVM_PFN_ERR_RO_FAULT
        if (slot.isReadonly() && f.write) {
            f.pfn = KvmPfn.ERR_RO_FAULT;
            handleErrorPfn(f);
            return;
        }
        f.hva = slot.gfnToHvaMemslot(f.gfn);
        HostMemory host = kvm.host();
        long pfn = host.hvaToPfn(f.hva, f.write, true);
        f.pfn = pfn;
        if (KvmPfn.isErrorPfn(pfn)) {
            handleErrorPfn(f);
            return;
        }
        f.mapWritable = !slot.isReadonly() && host.lastMapWritable();
        f.phase = FaultPhase.HUGEPAGE_ADJUST;
    }

    /** {@code kvm_handle_noslot_fault()}. */
    static void noslot(KvmPageFault f, int access) {
        KvmVcpu v = f.vcpu;
        SpteFormat fmt = v.kvm().mmu().format();
        long gva = f.isTdp ? 0 : f.addr;
        v.cacheMmioInfo(gva, f.gfn, access & (int) fmt.mmioAccessMask);
        f.slot = null;
        f.pfn = KvmPfn.NOSLOT;
        f.mapWritable = false;
        if (!v.kvm().config().mmioCaching()) {
            f.finish(RetPf.EMULATE);
            return;
        }
        if (Long.compareUnsigned(f.gfn, (1L << (v.kvm().config().maxPhyAddrBits() - 12)) - 1) > 0) {
            f.finish(RetPf.EMULATE); // no MMIO SPTE above host.MAXPHYADDR
            return;
        }
        f.phase = FaultPhase.HUGEPAGE_ADJUST;
    }

    /** {@code kvm_handle_error_pfn()}. */
    private static void handleErrorPfn(KvmPageFault f) {
        if (f.pfn == KvmPfn.ERR_SIGPENDING) {
            f.fail(-Errno.EINTR);
        } else if (f.pfn == KvmPfn.ERR_RO_FAULT) {
            // no MMIO info is cached, so reads of the read-only gfn still map normally
            f.finish(RetPf.EMULATE);
        } else if (f.pfn == KvmPfn.ERR_HWPOISON) {
            f.finish(RetPf.RETRY);
        } else {
            f.fail(-Errno.EFAULT); // kvm_mmu_prepare_memory_fault_exit()
        }
    }
}
