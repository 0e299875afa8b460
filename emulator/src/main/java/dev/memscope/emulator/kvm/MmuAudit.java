package dev.memscope.emulator.kvm;

import java.util.ArrayList;
import java.util.List;

/**
 * A full consistency check of the SPTE tables against the memslots and the host (in the spirit of the kernel's old
 * {@code mmu_audit.c}): every SPTE passes the door's invariants again, every table is linked once, every leaf maps
 * the frame its memslot and HVA give, a writable leaf in a dirty-logged slot is marked dirty, MMIO SPTEs only stand
 * where no slot is or where their generation is stale, and the page counters match. Used by tests and by the
 * debugger's "audit" command; it changes nothing.
 */
public final class MmuAudit {
    private MmuAudit() {
    }

    public static List<String> audit(Kvm kvm) {
        List<String> problems = new ArrayList<>();
        KvmMmu mmu = kvm.mmu();
        long[] leaves = new long[4];
        for (KvmMmuPage sp : mmu.allPages()) {
            for (int i = 0; i < 512; i++) {
                long spte = sp.spt[i];
                if (spte == 0) {
                    continue;
                }
                try {
                    mmu.checkSpte(sp, spte);
                } catch (IllegalStateException e) {
                    problems.add(e.getMessage());
                    continue;
                }
                int level = sp.level();
                if (Spte.isMmioSpte(mmu.f, spte)) {
                    auditMmio(kvm, sp, i, spte, problems);
                } else if (!Spte.isLastSpte(spte, level)) {
                    KvmMmuPage child = mmu.tableOf(Spte.spteToPfn(spte));
                    if (child.parent != sp || child.parentIndex != i) {
                        problems.add("table " + child + " is not linked back to " + sp + "[" + i + "]");
                    }
                } else {
                    leaves[level]++;
                    if (sp.direct() || sp.gfns != null) {
                        auditLeaf(kvm, sp, i, spte, problems);
                    }
                }
            }
        }
        dev.memscope.emulator.trace.KvmStats st = kvm.stats();
        if (st.get(dev.memscope.emulator.trace.Stat.PAGES_4K) != leaves[1]
                || st.get(dev.memscope.emulator.trace.Stat.PAGES_2M) != leaves[2]
                || st.get(dev.memscope.emulator.trace.Stat.PAGES_1G) != leaves[3]) {
            problems.add(String.format("pages_4k/2m/1g counters %d/%d/%d but the tables hold %d/%d/%d leaves",
                    st.get(dev.memscope.emulator.trace.Stat.PAGES_4K), st.get(dev.memscope.emulator.trace.Stat.PAGES_2M),
                    st.get(dev.memscope.emulator.trace.Stat.PAGES_1G), leaves[1], leaves[2], leaves[3]));
        }
        return problems;
    }

    private static void auditMmio(Kvm kvm, KvmMmuPage sp, int i, long spte, List<String> problems) {
        long gfn = Spte.getMmioSpteGfn(spte);
        Memslots slots = kvm.memslots(sp.asId());
        Memslot s = slots.gfnToMemslot(gfn);
        boolean stale = Spte.getMmioSpteGeneration(spte) != (slots.generation() & SpteFormat.MMIO_SPTE_GEN_MASK);
        boolean allonesRfcBug = s != null && s.isAllones() && kvm.config().allonesRfcWriteBug();
        if (s != null && !s.isInvalid() && !stale && !allonesRfcBug) {
            problems.add(String.format("MMIO SPTE %x for gfn %x with a current generation over %s", spte, gfn, s));
        }
    }

    private static void auditLeaf(Kvm kvm, KvmMmuPage sp, int i, long spte, List<String> problems) {
        SpteFormat f = kvm.mmu().f;
        long gfn = sp.getGfn(i);
        int level = sp.level();
        Memslot s = kvm.memslots(sp.asId()).gfnToMemslot(gfn);
        long pfn = Spte.spteToPfn(spte);
        if (s == null || s.isInvalid()) {
            problems.add(String.format("leaf %x for gfn %x has no valid memslot", spte, gfn));
            return;
        }
        boolean w = Spte.isWritablePte(spte);
        if (w && (s.isReadonly() || s.isAllones() || s.isPciHole())) {
            problems.add(String.format("writable leaf %x for gfn %x in %s", spte, gfn, s));
        }
        if (w && s.dirtyTrackEnabled() && !s.isDirty(gfn)) {
            problems.add(String.format("writable leaf %x for gfn %x in a dirty-logged slot, but not dirty", spte, gfn));
        }
        if (level > 1 && (s.dirtyTrackEnabled() || s.disallowLpage(gfn, level) != 0)) {
            problems.add(String.format("level-%d leaf for gfn %x where huge pages are not allowed", level, gfn));
        }
        if (s.isAllones()) {
            if (pfn != KvmPfn.ALLONES_PAGE) {
                problems.add(String.format("ALLONES gfn %x maps pfn %x", gfn, pfn));
            }
            return;
        }
        long hostPfn = kvm.host().hvaToPfn(s.gfnToHvaMemslot(gfn), false, false);
        if (hostPfn != (pfn & ~((1L << ((level - 1) * 9)) - 1)) && hostPfn != pfn) {
            problems.add(String.format("leaf for gfn %x maps pfn %x, the host has %x", gfn, pfn, hostPfn));
        }
        if (Spte.isMmuWritableSpte(f, spte) && !kvm.host().lastMapWritable() && hostPfn != 0) {
            problems.add(String.format("MMU-writable leaf for gfn %x over a read-only host page", gfn));
        }
    }
}
