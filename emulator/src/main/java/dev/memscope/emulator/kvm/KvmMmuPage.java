package dev.memscope.emulator.kvm;

/**
 * {@code struct kvm_mmu_page} (arch/x86/kvm/mmu/mmu_internal.h): one page of 512 SPTEs, its role, the gfn it covers
 * (direct) or shadows (indirect), and for indirect pages the gfn behind each entry
 * ({@code shadowed_translation}). Its SPTEs are written only through {@link KvmMmu#mmuSpteSet}.
 */
public final class KvmMmuPage {
    final long[] spt = new long[512];
    /** The pseudo host frame of {@link #spt}; SPTE pointers print as {@code tablePfn << 12 | index * 8}. */
    final long tablePfn;
    int role;
    /** Direct: first gfn covered. Indirect: gfn of the guest page table this page shadows. */
    final long gfn;
    /** Indirect pages: the gfn each entry translates to (leaf) or the guest table gfn (non-leaf). */
    final long[] gfns;
    /** Under shadow paging: the gva the first entry covers (for the views). */
    final long gvaBase;
    /** The parent SPTE's table and index (-1 for a root). */
    KvmMmuPage parent;
    int parentIndex = -1;
    int rootCount;
    /** Present SPTEs in this table. */
    int presentCount;

    KvmMmuPage(long tablePfn, int role, long gfn, long gvaBase) {
        this.tablePfn = tablePfn;
        this.role = role;
        this.gfn = gfn;
        this.gvaBase = gvaBase;
        this.gfns = MmuPageRole.direct(role) ? null : new long[512];
    }

    public int level() {
        return MmuPageRole.level(role);
    }

    public boolean direct() {
        return MmuPageRole.direct(role);
    }

    public int role() {
        return role;
    }

    public long gfn() {
        return gfn;
    }

    public long tablePfn() {
        return tablePfn;
    }

    public int asId() {
        return MmuPageRole.smm(role);
    }

    public long spte(int index) {
        return spt[index];
    }

    /** {@code kvm_mmu_page_get_gfn()}. */
    public long getGfn(int index) {
        if (gfns != null) {
            return gfns[index];
        }
        return gfn + ((long) index << ((level() - 1) * 9));
    }

    /** Pseudo physical address of one SPTE, as {@code virt_to_phys(sptep)}. */
    public long sptep(int index) {
        return (tablePfn << 12) | ((long) index << 3);
    }

    /** {@code SPTE_INDEX()} of an address at this page's level. */
    static int spteIndex(long addr, int level) {
        return (int) ((addr >>> (12 + (level - 1) * 9)) & 511);
    }

    @Override
    public String toString() {
        return String.format("sp pfn %x gfn %x %s", tablePfn, gfn, MmuPageRole.describe(role));
    }
}
