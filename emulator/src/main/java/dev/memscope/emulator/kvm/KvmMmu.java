package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.SpteTableNode;
import dev.memscope.emulator.trace.EventLog;
import dev.memscope.emulator.trace.KvmStats;
import dev.memscope.emulator.trace.Stat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SPTE tables of one VM: the pages ({@link KvmMmuPage}) by table pfn, the roots, and the one door every SPTE
 * change goes through ({@link #mmuSpteSet}), which checks the invariants and records the change with old and new
 * value. Zapping, write-protection and TLB-flush batching live here too.
 */
public final class KvmMmu {
    private final Kvm kvm;
    final SpteFormat f;
    private final EventLog log;
    private final KvmStats stats;
    private KvmMmuPage[] pages = new KvmMmuPage[256];
    private final ArrayDeque<Integer> freeIndexes = new ArrayDeque<>();
    private int nextIndex;
    private int usedPages;
    /** Direct modes: one root per address space ({@code kvm_tdp_mmu_get_vcpu_root_hpa} / {@code mmu_alloc_direct_roots}). */
    private final KvmMmuPage[] directRoots = new KvmMmuPage[Kvm.ADDRESS_SPACES];
    /**
     * Shadow paging: {@code mmu_page_hash}, by gfn. Unlike the kernel, the model does not share one indirect page
     * between several parents (each parent gets its own copy), so a page has exactly one parent; only roots are
     * looked up and reused.
     */
    private final Map<Long, List<KvmMmuPage>> shadowHash = new HashMap<>();
    private final PageTrack pageTrack;
    private final List<Runnable> tlbFlushListeners = new ArrayList<>();
    private boolean flushPending;
    /** What the last {@code make_spte()} returned: the SPTE had to be write-protected (a write-tracked gfn). */
    boolean makeSpteWrprot;
    /** {@code kvm->arch.mmu_valid_gen}, printed by the page tracepoints. */
    int mmuValidGen;

    KvmMmu(Kvm kvm) {
        this.kvm = kvm;
        this.f = kvm.config().mmuMode().spteFormat();
        this.log = kvm.log();
        this.stats = kvm.stats();
        this.pageTrack = new PageTrack(kvm, this);
    }

    public SpteFormat format() {
        return f;
    }

    /** Called with every remote TLB flush ({@code kvm_flush_remote_tlbs}); the CPU wires its own flush here. */
    public void addTlbFlushListener(Runnable r) {
        tlbFlushListeners.add(r);
    }

    /** The page holding SPTEs at {@code tablePfn} (hot: one array index). */
    KvmMmuPage tableOf(long tablePfn) {
        return pages[(int) (tablePfn - KvmPfn.TABLE_BASE)];
    }

    public int usedPages() {
        return usedPages;
    }

    /** The root of a direct MMU for an address space, allocated on first use ({@code kvm_mmu_load}). */
    KvmMmuPage directRoot(int asId) {
        KvmMmuPage r = directRoots[asId];
        if (r == null) {
            r = allocPage(MmuPageRole.make(4, true, Spte.ACC_ALL, true, true, asId), 0, 0);
            r.rootCount = 1;
            directRoots[asId] = r;
        }
        return r;
    }

    KvmMmuPage directRootOrNull(int asId) {
        return directRoots[asId];
    }

    /** {@code kvm_mmu_alloc_shadow_page()} / {@code tdp_mmu_alloc_sp()}, with the {@code kvm_mmu_get_page} trace. */
    KvmMmuPage allocPage(int role, long gfn, long gvaBase) {
        int idx = freeIndexes.isEmpty() ? nextIndex++ : freeIndexes.pop();
        if (idx >= pages.length) {
            pages = java.util.Arrays.copyOf(pages, pages.length * 2);
        }
        KvmMmuPage sp = new KvmMmuPage(KvmPfn.TABLE_BASE + idx, role, gfn, gvaBase);
        pages[idx] = sp;
        usedPages++;
        if (kvm.config().mmuMode() != MmuMode.TDP) {
            stats.inc(Stat.MMU_CACHE_MISS); // kvm_mmu_get_shadow_page() found none (the TDP MMU does not count)
        }
        log.record(EventKind.KVM_MMU_GET_PAGE, 0, mmuValidGen, gfn, role, sp.rootCount, 0, 1);
        if (!sp.direct()) {
            shadowHash.computeIfAbsent(gfn, k -> new ArrayList<>()).add(sp);
            pageTrack.accountShadowed(gfn, sp.asId());
        }
        return sp;
    }

    /** {@code kvm_mmu_find_shadow_page()} for roots: an existing parentless indirect page for (gfn, role), or null. */
    KvmMmuPage findShadowRoot(long gfn, int role) {
        List<KvmMmuPage> l = shadowHash.get(gfn);
        if (l != null) {
            for (KvmMmuPage sp : l) {
                if (sp.role == role && sp.parent == null) {
                    log.record(EventKind.KVM_MMU_GET_PAGE, 0, mmuValidGen, gfn, role, sp.rootCount, 0, 0);
                    return sp;
                }
            }
        }
        return null;
    }

    /** Indirect pages shadowing guest table {@code gfn}. */
    List<KvmMmuPage> shadowPagesOf(long gfn) {
        List<KvmMmuPage> l = shadowHash.get(gfn);
        return l == null ? List.of() : new ArrayList<>(l);
    }

    private void freePage(KvmMmuPage sp) {
        if (!sp.direct()) {
            List<KvmMmuPage> l = shadowHash.get(sp.gfn);
            if (l != null && l.remove(sp)) {
                if (l.isEmpty()) {
                    shadowHash.remove(sp.gfn);
                }
                pageTrack.unaccountShadowed(sp.gfn, sp.asId());
            }
        }
        int idx = (int) (sp.tablePfn - KvmPfn.TABLE_BASE);
        pages[idx] = null;
        freeIndexes.push(idx);
        usedPages--;
        sp.role = MmuPageRole.withInvalid(sp.role);
    }

    // ---- the door -----------------------------------------------------------------------------------------------

    /**
     * Every SPTE change goes through here ({@code mmu_spte_set}/{@code mmu_spte_update}/{@code tdp_mmu_set_spte} and
     * {@code handle_changed_spte}): the new value is checked against the invariants, written, counted, recorded as
     * {@code kvm_tdp_mmu_spte_changed} with old and new value (Memscope records it in every MMU mode), and a TLB flush
     * is queued when the change takes away a translation or a permission.
     */
    public void mmuSpteSet(KvmMmuPage sp, int index, long newSpte) {
        long old = sp.spt[index];
        if (old == newSpte) {
            return;
        }
        int level = sp.level();
        checkInvariants(sp, level, newSpte);
        sp.spt[index] = newSpte;
        boolean oldPresent = Spte.isShadowPresentPte(old);
        boolean newPresent = Spte.isShadowPresentPte(newSpte);
        if (oldPresent != newPresent) {
            sp.presentCount += newPresent ? 1 : -1;
        }
        boolean oldLeaf = oldPresent && Spte.isLastSpte(old, level);
        boolean newLeaf = newPresent && Spte.isLastSpte(newSpte, level);
        if (oldLeaf != newLeaf) {
            stats.add(level == 1 ? Stat.PAGES_4K : level == 2 ? Stat.PAGES_2M : Stat.PAGES_1G, newLeaf ? 1 : -1);
        }
        if (Spte.changeNeedsTlbFlush(old, newSpte)) {
            flushPending = true;
        }
        log.record(EventKind.KVM_TDP_MMU_SPTE_CHANGED, 0, sp.asId(), sp.getGfn(index), level, old, newSpte);
        kvm.hooks().spteChanged(sp.asId(), sp.getGfn(index), level, old, newSpte);
    }

    private void checkInvariants(KvmMmuPage sp, int level, long spte) {
        if (spte == 0) {
            return;
        }
        if (Spte.isMmioSpte(f, spte)) {
            if (Spte.isShadowPresentPte(spte)) {
                throw violation(sp, spte, "an MMIO SPTE must not be shadow-present");
            }
            return;
        }
        if (!Spte.isShadowPresentPte(spte)) {
            throw violation(sp, spte, "a non-zero, non-MMIO SPTE must have the MMU-present bit 11");
        }
        long pfn = Spte.spteToPfn(spte);
        if (!Spte.isLastSpte(spte, level)) {
            KvmMmuPage child = pfn >= KvmPfn.TABLE_BASE ? tableOf(pfn) : null;
            if (child == null || child.level() != level - 1) {
                throw violation(sp, spte, "a non-leaf SPTE must point to a table one level down");
            }
            return;
        }
        if (level > 3) {
            throw violation(sp, spte, "no leaf above the 1G level");
        }
        if (level > 1 && (pfn & ((1L << ((level - 1) * 9)) - 1)) != 0) {
            throw violation(sp, spte, "a huge leaf's pfn must be aligned to its size");
        }
        if (pfn >= KvmPfn.TABLE_BASE) {
            throw violation(sp, spte, "a leaf must not map an SPTE table");
        }
        boolean w = Spte.isWritablePte(spte);
        boolean mmuW = Spte.isMmuWritableSpte(f, spte);
        boolean hostW = Spte.isHostWritableSpte(f, spte);
        if (w && !mmuW) {
            throw violation(sp, spte, "W implies MMU-writable");
        }
        if (mmuW && !hostW) {
            throw violation(sp, spte, "MMU-writable implies host-writable");
        }
        if ((spte & f.presentMask) == 0) {
            throw violation(sp, spte, f.ept ? "an EPT leaf must be readable (R)" : "a leaf must have P");
        }
        if (pfn == KvmPfn.ALLONES_PAGE && (w || mmuW || hostW)) {
            throw violation(sp, spte, "the shared 0xff page is mapped read-only");
        }
    }

    /** Re-checks one SPTE of a table against the door's invariants (for {@link MmuAudit}). */
    void checkSpte(KvmMmuPage sp, long spte) {
        checkInvariants(sp, sp.level(), spte);
    }

    private IllegalStateException violation(KvmMmuPage sp, long spte, String rule) {
        return new IllegalStateException(String.format("SPTE invariant broken: %s (spte %x in %s)", rule, spte, sp));
    }

    // ---- linking and zapping ------------------------------------------------------------------------------------

    /** {@code link_shadow_page()} / {@code tdp_mmu_link_sp()}: point {@code sp[index]} at {@code child}. */
    void linkChild(KvmMmuPage sp, int index, KvmMmuPage child) {
        child.parent = sp;
        child.parentIndex = index;
        if (sp.gfns != null) {
            sp.gfns[index] = child.gfn;
        }
        mmuSpteSet(sp, index, Spte.makeNonleafSpte(f, child.tablePfn));
    }

    /**
     * Zaps one SPTE ({@code drop_spte} / {@code tdp_mmu_zap_spte_atomic}); a non-leaf one takes its table and all
     * below with it ({@code handle_removed_pt} / {@code kvm_mmu_prepare_zap_page}), each change through the door.
     */
    void zapSpte(KvmMmuPage sp, int index) {
        long old = sp.spt[index];
        if (old == 0) {
            return;
        }
        if (Spte.isShadowPresentPte(old) && !Spte.isLastSpte(old, sp.level())) {
            KvmMmuPage child = tableOf(Spte.spteToPfn(old));
            mmuSpteSet(sp, index, 0);
            zapPage(child);
        } else {
            mmuSpteSet(sp, index, 0);
        }
    }

    private void zapPage(KvmMmuPage child) {
        log.record(EventKind.KVM_MMU_PREPARE_ZAP_PAGE, 0, mmuValidGen, child.gfn, child.role, child.rootCount, 0);
        for (int i = 0; i < 512; i++) {
            if (child.spt[i] != 0) {
                zapSpte(child, i);
            }
        }
        stats.inc(Stat.MMU_SHADOW_ZAPPED);
        freePage(child);
    }

    /** Drops a root and everything below it (shadow paging's root switch, zap-all). */
    void zapRoot(KvmMmuPage root) {
        for (int i = 0; i < 512; i++) {
            if (root.spt[i] != 0) {
                zapSpte(root, i);
            }
        }
        log.record(EventKind.KVM_MMU_PREPARE_ZAP_PAGE, 0, mmuValidGen, root.gfn, root.role, root.rootCount, 0);
        stats.inc(Stat.MMU_SHADOW_ZAPPED);
        freePage(root);
    }

    /** {@code kvm_mmu_zap_all_fast()}: every root goes (MMIO generation wrap, mode changes). */
    void zapAll() {
        mmuValidGen++;
        for (int as = 0; as < directRoots.length; as++) {
            if (directRoots[as] != null) {
                zapRoot(directRoots[as]);
                directRoots[as] = null;
            }
        }
        for (KvmMmuPage sp : allPages()) {
            if (sp.parent == null && pages[(int) (sp.tablePfn - KvmPfn.TABLE_BASE)] == sp) {
                zapRoot(sp);
            }
        }
        kvm.shadowRootsDropped();
        flushIfPending(0);
    }

    /** {@link #zapAll()} for benchmarks that re-fault the same memory (public only for them). */
    public void zapAllForBenchmark() {
        zapAll();
    }

    /**
     * {@code kvm_zap_gfn_range()} / {@code kvm_unmap_gfn_range()}: zaps every leaf mapping a gfn in [start, end) of
     * an address space. Direct tables are walked by gfn; shadow tables are scanned (the kernel uses rmaps).
     */
    void zapGfnRange(int asId, long startGfn, long endGfn) {
        forEachLeaf(asId, startGfn, endGfn, (sp, i) -> zapSpte(sp, i));
        flushIfPending(0);
    }

    /** {@code kvm_mmu_slot_remove_write_access()} / the dirty-log re-protect: clear W on leaves in the range. */
    void writeProtectGfnRange(int asId, long startGfn, long endGfn, int minLevel) {
        forEachLeaf(asId, startGfn, endGfn, (sp, i) -> {
            long s = sp.spt[i];
            if (Spte.isShadowPresentPte(s) && Spte.isWritablePte(s) && sp.level() >= minLevel) {
                mmuSpteSet(sp, i, Spte.spteWriteProtect(s));
            }
        });
        flushIfPending(1);
    }

    /** Zaps huge leaves in the range (the model's stand-in for eager page splitting when dirty logging starts). */
    void zapHugeLeaves(int asId, long startGfn, long endGfn) {
        forEachLeaf(asId, startGfn, endGfn, (sp, i) -> {
            if (sp.level() > 1 && Spte.isShadowPresentPte(sp.spt[i])) {
                zapSpte(sp, i);
            }
        });
        flushIfPending(0);
    }

    interface LeafVisitor {
        void visit(KvmMmuPage sp, int index);
    }

    /** Visits each leaf-level entry (present or MMIO) whose gfn lies in [start, end). */
    void forEachLeaf(int asId, long startGfn, long endGfn, LeafVisitor v) {
        if (kvm.config().mmuMode().isTdp()) {
            KvmMmuPage root = directRoots[asId];
            if (root != null) {
                visitDirect(root, startGfn, endGfn, v);
            }
            return;
        }
        for (KvmMmuPage sp : allPages()) {
            if (sp.asId() != asId || pages[(int) (sp.tablePfn - KvmPfn.TABLE_BASE)] != sp) {
                continue;
            }
            for (int i = 0; i < 512; i++) {
                long s = sp.spt[i];
                boolean leaf = Spte.isMmioSpte(f, s) || Spte.isShadowPresentPte(s) && Spte.isLastSpte(s, sp.level());
                if (!leaf) {
                    continue;
                }
                long gfn = sp.getGfn(i);
                long pages = 1L << ((sp.level() - 1) * 9);
                if (Long.compareUnsigned(gfn, endGfn) < 0 && Long.compareUnsigned(startGfn, gfn + pages) < 0) {
                    v.visit(sp, i);
                }
            }
        }
    }

    private void visitDirect(KvmMmuPage sp, long startGfn, long endGfn, LeafVisitor v) {
        int level = sp.level();
        int shift = (level - 1) * 9;
        long span = 1L << shift;
        for (int i = 0; i < 512; i++) {
            long gfn = sp.gfn + ((long) i << shift);
            if (Long.compareUnsigned(gfn, endGfn) >= 0 || Long.compareUnsigned(gfn + span, startGfn) <= 0) {
                continue;
            }
            long s = sp.spt[i];
            if (s == 0) {
                continue;
            }
            if (Spte.isShadowPresentPte(s) && !Spte.isLastSpte(s, level)) {
                visitDirect(tableOf(Spte.spteToPfn(s)), startGfn, endGfn, v);
            } else {
                v.visit(sp, i);
            }
        }
    }

    // ---- write tracking (shadow paging) ------------------------------------------------------------------------

    /** {@code kvm_gfn_is_write_tracked()}. */
    public boolean isWriteTracked(long gfn) {
        return pageTrack.isWriteTracked(gfn);
    }

    /** {@code kvm_mmu_pte_write()}: see {@link PageTrack#pteWrite}. */
    void pteWrite(long gpa, int bytes) {
        pageTrack.pteWrite(gpa, bytes);
    }

    /** Whether {@code sp} is still a live table (not zapped). */
    boolean isLive(KvmMmuPage sp) {
        return pages[(int) (sp.tablePfn - KvmPfn.TABLE_BASE)] == sp;
    }

    // ---- flushes and views --------------------------------------------------------------------------------------

    /** {@code kvm_flush_remote_tlbs()} if a change since the last flush needs one. */
    void flushIfPending(int reason) {
        if (flushPending) {
            flushPending = false;
            stats.inc(dev.memscope.emulator.trace.Stat.REMOTE_TLB_FLUSH);
            log.record(EventKind.TLB_FLUSH, 0, reason);
            for (Runnable r : tlbFlushListeners) {
                r.run();
            }
        }
    }

    List<KvmMmuPage> allPages() {
        List<KvmMmuPage> out = new ArrayList<>();
        for (int i = 0; i < nextIndex; i++) {
            if (pages[i] != null) {
                out.add(pages[i]);
            }
        }
        return out;
    }

    /** Copies of every live SPTE table, for the views. */
    public List<SpteTableNode> snapshot() {
        List<SpteTableNode> out = new ArrayList<>();
        for (KvmMmuPage sp : allPages()) {
            out.add(new SpteTableNode(sp.tablePfn, sp.gfn, sp.role, sp.level(), sp.asId(), sp.direct(), sp.gvaBase,
                    sp.spt));
        }
        return out;
    }

    /** The leaf SPTE mapping {@code gfn} in a direct MMU (for tests and views), or 0. */
    public long leafSpteForGfn(int asId, long gfn) {
        KvmMmuPage root = directRoots[asId];
        if (root == null) {
            return 0;
        }
        SpteWalk w = new SpteWalk();
        w.walk(this, root, gfn << 12, 1);
        return Spte.isLastSpte(w.spte, w.level) || Spte.isMmioSpte(f, w.spte) ? w.spte : 0;
    }

    /** The level of the leaf mapping {@code gfn} in a direct MMU, or 0. */
    public int leafLevelForGfn(int asId, long gfn) {
        KvmMmuPage root = directRoots[asId];
        if (root == null) {
            return 0;
        }
        SpteWalk w = new SpteWalk();
        w.walk(this, root, gfn << 12, 1);
        return w.spte != 0 && (Spte.isLastSpte(w.spte, w.level) || Spte.isMmioSpte(f, w.spte)) ? w.level : 0;
    }
}
