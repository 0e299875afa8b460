package dev.memscope.emulator.api;

/**
 * One page of SPTEs (a {@code struct kvm_mmu_page}) as a view shows it: its role and its 512 entries, copied.
 *
 * @param tablePfn the pseudo host frame holding the table (SPTE addresses print as {@code tablePfn << 12 | index * 8})
 * @param gfn the first gfn the table covers (direct), or the gfn of the guest table it shadows (indirect)
 * @param role the packed {@code kvm_mmu_page_role} word
 * @param level 1 = last-level table (4K leaves) up to 4 = root
 * @param sptes the 512 entries, copied at snapshot time
 */
public record SpteTableNode(long tablePfn, long gfn, int role, int level, int asId, boolean direct, long gva,
        long[] sptes) {

    public SpteTableNode {
        sptes = sptes.clone();
    }

    @Override
    public long[] sptes() {
        return sptes.clone();
    }

    public long spte(int index) {
        return sptes[index];
    }
}
