package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.SpteBits;
import dev.memscope.emulator.api.SpteMap;
import dev.memscope.emulator.api.SpteTableNode;
import dev.memscope.emulator.api.SpteTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers the views' questions about the SPTEs without changing anything: no root is created, nothing is faulted in.
 * Machine thread only.
 */
public final class ViewQueries {
    private ViewQueries() {
    }

    static SpteBits.Format format(Kvm kvm) {
        return kvm.mmu().f.isEpt() ? SpteBits.Format.EPT : SpteBits.Format.PT;
    }

    /** The tables of address space {@code asId}, and the root the hardware walks now (-1 when none exists). */
    public static SpteTree spteTree(Kvm kvm, KvmVcpu vcpu, int asId) {
        List<SpteTableNode> tables = new ArrayList<>();
        for (SpteTableNode t : kvm.mmu().snapshot()) {
            if (t.asId() == asId) {
                tables.add(t);
            }
        }
        long rootPfn = -1;
        if (kvm.config().mmuMode().isTdp() || !vcpu.paging().paging()) {
            KvmMmuPage r = kvm.mmu().directRootOrNull(asId);
            rootPfn = r == null ? -1 : r.tablePfn();
        } else {
            long cr3Gfn = (vcpu.paging().cr3() & SpteBits.BASE_ADDR_MASK) >>> 12;
            for (KvmMmuPage sp : kvm.mmu().allPages()) {
                if (sp.asId() == asId && sp.parent == null && !sp.direct() && sp.gfn() == cr3Gfn) {
                    rootPfn = sp.tablePfn();
                }
            }
        }
        return new SpteTree(apiMode(kvm), format(kvm) == SpteBits.Format.EPT, rootPfn, tables);
    }

    /**
     * One byte of state per gfn for [firstGfn, firstGfn + pages): slots and dirty bits from the memslots, then every
     * leaf SPTE of the address space laid over them (a huge leaf marks every gfn it maps). Under shadow paging the
     * leaves are keyed by the guest frame they map ({@code kvm_mmu_page_get_gfn}).
     */
    public static SpteMap spteMap(Kvm kvm, int asId, long firstGfn, int pages) {
        byte[] st = new byte[pages];
        java.util.Arrays.fill(st, (byte) SpteMap.NO_SLOT);
        long end = firstGfn + pages;
        for (Memslot s : kvm.memslots(asId).slots()) {
            long from = Math.max(firstGfn, s.baseGfn);
            long to = Math.min(end, s.baseGfn + s.npages);
            for (long g = from; g < to; g++) {
                st[(int) (g - firstGfn)] = (byte) (s.isDirty(g) ? SpteMap.DIRTY : 0);
            }
        }
        SpteBits.Format f = format(kvm);
        for (KvmMmuPage sp : kvm.mmu().allPages()) {
            if (sp.asId() != asId) {
                continue;
            }
            int level = sp.level();
            long span = 1L << (9 * (level - 1));
            for (int i = 0; i < 512; i++) {
                long spte = sp.spt[i];
                if (spte == 0) {
                    continue;
                }
                boolean mmio = SpteBits.isMmio(f, spte);
                boolean leaf = SpteBits.isShadowPresent(spte) && SpteBits.isLast(spte, level);
                if (!mmio && !leaf) {
                    continue;
                }
                long gfn = mmio ? SpteBits.mmioGfn(spte) : sp.getGfn(i);
                long from = Math.max(firstGfn, gfn);
                long to = Math.min(end, gfn + (mmio ? 1 : span));
                if (from >= to) {
                    continue;
                }
                int bits = mmio ? SpteMap.MMIO : SpteMap.PRESENT
                        | (SpteBits.writable(f, spte) ? SpteMap.WRITABLE : 0)
                        | (level > 1 ? SpteMap.HUGE : 0)
                        | (SpteBits.accessed(f, spte) ? 0 : SpteMap.PREFETCHED)
                        | (SpteBits.dirty(f, spte) ? SpteMap.DIRTY : 0);
                for (long g = from; g < to; g++) {
                    st[(int) (g - firstGfn)] |= (byte) bits;
                }
            }
        }
        return new SpteMap(asId, firstGfn, st);
    }

    private static dev.memscope.emulator.api.MmuMode apiMode(Kvm kvm) {
        return switch (kvm.config().mmuMode()) {
            case TDP -> dev.memscope.emulator.api.MmuMode.TDP;
            case LEGACY_DIRECT -> dev.memscope.emulator.api.MmuMode.DIRECT;
            case SHADOW -> dev.memscope.emulator.api.MmuMode.SHADOW;
        };
    }
}
