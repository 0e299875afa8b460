package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.backend.Errno;

/**
 * {@code kvm_vcpu_map()} / {@code kvm_vcpu_unmap()} (virt/kvm/kvm_main.c, the 2019 guest-mapping series): map a
 * guest page for the kernel's own access, by {@code kmap} when the pfn has a struct page and by {@code memremap(WB)}
 * when it does not (memory hidden with {@code mem=}). In the model {@code memremap} fails for frames that are not
 * e820 RAM (device memory), which gives the -EFAULT path.
 */
final class VcpuMap {
    private final KvmVcpu vcpu;
    private long nextRemap;
    /** Reproduce the series' bug: unmap tested {@code map->page} against NULL, but the poison is not NULL. */
    boolean poisonBug;

    VcpuMap(KvmVcpu vcpu) {
        this.vcpu = vcpu;
    }

    int map(long gfn, KvmHostMap map) {
        Kvm kvm = vcpu.kvm();
        Memslot slot = vcpu.memslots().gfnToMemslot(gfn);
        // kvm_vcpu_gfn_to_pfn(): a write lookup
        if (slot == null || slot.isInvalid() || slot.isAllones() || slot.isPciHole() || slot.isReadonly()) {
            return -Errno.EINVAL; // no-slot pfn, or KVM_PFN_ERR_RO_FAULT: is_error_noslot_pfn()
        }
        long hva = slot.gfnToHvaMemslot(gfn);
        long pfn = kvm.host().hvaToPfn(hva, true, true);
        if (KvmPfn.isErrorNoslotPfn(pfn)) {
            return -Errno.EINVAL;
        }
        boolean remap = !KvmPfn.hasStructPage(pfn);
        if (remap && kvm.host().isMmioPfn(pfn, hva)) {
            return -Errno.EFAULT; // memremap() gave no address
        }
        map.pfn = pfn;
        map.gfn = gfn;
        map.memremapped = remap;
        map.page = remap ? KvmHostMap.KVM_UNMAPPED_PAGE : pfn;
        map.hva = remap ? KvmHostMap.VMALLOC_START + ((nextRemap++) << 12) : KvmHostMap.PAGE_OFFSET + (pfn << 12);
        map.data = kvm.host().pageOfPfn(pfn);
        kvm.log().record(EventKind.VCPU_MAP, vcpu.id(), gfn, pfn, map.hva, remap ? 1 : 0, 1);
        return 0;
    }

    void unmap(KvmHostMap map, boolean dirty) {
        if (!map.mapped()) {
            return;
        }
        int path;
        if (poisonBug) {
            path = map.page != 0 ? (map.memremapped ? 2 : 0) : 1; // "if (map->page) kunmap(...)": poison is non-NULL
        } else {
            path = map.page != KvmHostMap.KVM_UNMAPPED_PAGE ? 0 : 1;
        }
        if (dirty) {
            Memslot slot = vcpu.memslots().gfnToMemslot(map.gfn);
            if (slot != null) {
                slot.markPageDirty(map.gfn); // kvm_vcpu_mark_page_dirty()
            }
        }
        vcpu.kvm().log().record(EventKind.VCPU_UNMAP, vcpu.id(), map.gfn, map.pfn, dirty ? 1 : 0, path);
        map.hva = 0;
        map.data = null;
    }
}
