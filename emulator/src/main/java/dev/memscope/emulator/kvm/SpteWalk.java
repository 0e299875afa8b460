package dev.memscope.emulator.kvm;

/**
 * A reusable cursor over one walk of SPTE tables ({@code struct kvm_shadow_walk_iterator} / {@code tdp_iter}): where
 * the walk stopped, at which level, and the SPTE found there. One per user, never allocated per walk.
 */
public final class SpteWalk {
    public KvmMmuPage sp;
    public int index;
    public int level;
    public long spte;

    /**
     * Walks from {@code root} for {@code addr} (gpa or gva) until a leaf, a non-present SPTE or {@code stopLevel}.
     * Afterwards {@link #sp}/{@link #index} address the SPTE where it stopped.
     */
    void walk(KvmMmu mmu, KvmMmuPage root, long addr, int stopLevel) {
        KvmMmuPage p = root;
        while (true) {
            int lvl = p.level();
            int idx = KvmMmuPage.spteIndex(addr, lvl);
            long s = p.spt[idx];
            sp = p;
            index = idx;
            level = lvl;
            spte = s;
            if (lvl <= stopLevel || !Spte.isShadowPresentPte(s) || Spte.isLastSpte(s, lvl)) {
                return;
            }
            p = mmu.tableOf(Spte.spteToPfn(s));
        }
    }

    public long sptep() {
        return sp.sptep(index);
    }
}
