package dev.memscope.emulator.kvm;

import dev.memscope.emulator.trace.Stat;
import java.util.HashMap;
import java.util.Map;

/**
 * Write-tracking of guest page-table pages under shadow paging ({@code kvm_page_track}, arch/x86/kvm/mmu/page_track.c,
 * and {@code account_shadowed()} / {@code kvm_mmu_pte_write()} in mmu.c): a gfn shadowed by an indirect page is
 * write-tracked, keeps huge pages off, and has its SPTEs write-protected; an emulated write to it zaps the SPTEs
 * derived from the written entries. (The model keeps one count per gfn for both address spaces.)
 */
final class PageTrack {
    private final Kvm kvm;
    private final KvmMmu mmu;
    /** gfn to write-track count (KVM_PAGE_TRACK_WRITE). */
    private final Map<Long, Integer> writeTracked = new HashMap<>();

    PageTrack(Kvm kvm, KvmMmu mmu) {
        this.kvm = kvm;
        this.mmu = mmu;
    }

    /** {@code account_shadowed()}: write-track the guest table gfn, raise disallow_lpage, write-protect its SPTEs. */
    void accountShadowed(long gfn, int asId) {
        writeTracked.merge(gfn, 1, Integer::sum);
        Memslot slot = kvm.memslots(asId).gfnToMemslot(gfn);
        if (slot != null && !slot.isInvalid()) {
            slot.updateDisallowLpage(gfn, 1);
        }
        mmu.writeProtectGfnRange(asId, gfn, gfn + 1, 1);
    }

    void unaccountShadowed(long gfn, int asId) {
        Integer n = writeTracked.get(gfn);
        if (n == null) {
            return;
        }
        if (n <= 1) {
            writeTracked.remove(gfn);
        } else {
            writeTracked.put(gfn, n - 1);
        }
        Memslot slot = kvm.memslots(asId).gfnToMemslot(gfn);
        if (slot != null && !slot.isInvalid()) {
            slot.updateDisallowLpage(gfn, -1);
        }
    }

    /** {@code kvm_gfn_is_write_tracked()}. */
    boolean isWriteTracked(long gfn) {
        return !writeTracked.isEmpty() && writeTracked.containsKey(gfn);
    }

    /**
     * {@code kvm_mmu_pte_write()}: the emulator wrote {@code bytes} at {@code gpa} in a write-tracked guest page
     * table; the SPTEs derived from the written guest entries are zapped in every page shadowing it (a misaligned
     * write zaps the whole page, as {@code detect_write_misaligned} does).
     */
    void pteWrite(long gpa, int bytes) {
        long gfn = gpa >>> 12;
        int first = (int) ((gpa & 4095) >>> 3);
        int last = (int) (((gpa & 4095) + bytes - 1) >>> 3);
        boolean misaligned = (gpa & 7) + bytes > 8 && bytes < 8 || ((gpa & 7) != 0 && bytes >= 8);
        kvm.stats().inc(Stat.MMU_PTE_WRITE);
        for (KvmMmuPage sp : mmu.shadowPagesOf(gfn)) {
            if (!mmu.isLive(sp)) {
                continue;
            }
            if (misaligned && sp.parent != null) {
                mmu.zapSpte(sp.parent, sp.parentIndex);
                continue;
            }
            for (int i = first; i <= last && i < 512; i++) {
                mmu.zapSpte(sp, i);
            }
        }
        mmu.flushIfPending(0);
    }
}
