package dev.memscope.emulator.kvm;

import dev.memscope.emulator.backend.MemFlags;

/**
 * {@code struct kvm_memory_slot} (include/linux/kvm_host.h) with its x86 metadata: the {@code disallow_lpage}
 * counters of {@code struct kvm_lpage_info} per 2 MiB and 1 GiB page, and the dirty bitmap. Immutable in its
 * placement (gfn, size, flags, hva); the counters and the bitmap change in place, as in the kernel.
 */
public final class Memslot {
    final int asId;
    final int id;
    final long baseGfn;
    final long npages;
    final int flags;
    final long userspaceAddr;
    /** One bit per page, LSB first; null without LOG_DIRTY_PAGES. */
    long[] dirtyBitmap;
    /** {@code lpage_info[level - 2][i].disallow_lpage}, for level 2 (2M) and 3 (1G). */
    final int[][] disallowLpage = new int[2][];

    Memslot(int asId, int id, long baseGfn, long npages, int flags, long userspaceAddr) {
        this.asId = asId;
        this.id = id;
        this.baseGfn = baseGfn;
        this.npages = npages;
        this.flags = flags;
        this.userspaceAddr = userspaceAddr;
    }

    public int asId() {
        return asId;
    }

    public int id() {
        return id;
    }

    public long baseGfn() {
        return baseGfn;
    }

    public long npages() {
        return npages;
    }

    public long endGfn() {
        return baseGfn + npages;
    }

    public int flags() {
        return flags;
    }

    public long userspaceAddr() {
        return userspaceAddr;
    }

    public boolean contains(long gfn) {
        return Long.compareUnsigned(gfn - baseGfn, npages) < 0;
    }

    public boolean isInvalid() {
        return (flags & MemFlags.INVALID) != 0;
    }

    public boolean isReadonly() {
        return (flags & MemFlags.READONLY) != 0;
    }

    public boolean isAllones() {
        return (flags & MemFlags.ALLONES) != 0;
    }

    public boolean isPciHole() {
        return (flags & MemFlags.PCI_HOLE) != 0;
    }

    /** {@code kvm_slot_dirty_track_enabled()}: LOG_DIRTY_PAGES is on. */
    public boolean dirtyTrackEnabled() {
        return (flags & MemFlags.LOG_DIRTY_PAGES) != 0;
    }

    /** {@code __gfn_to_hva_memslot()}; hole slots have no HVA (the RFC's and v2's userspace_addr is 0). */
    public long gfnToHvaMemslot(long gfn) {
        return userspaceAddr + ((gfn - baseGfn) << 12);
    }

    /** {@code gfn_to_index()}: index of the huge page of {@code level} holding {@code gfn} in this slot. */
    int lpageIndex(long gfn, int level) {
        int shift = (level - 1) * 9;
        return (int) ((gfn >>> shift) - (baseGfn >>> shift));
    }

    /** {@code lpage_info_slot(gfn, slot, level)->disallow_lpage}. */
    public int disallowLpage(long gfn, int level) {
        return disallowLpage[level - 2][lpageIndex(gfn, level)];
    }

    /** {@code kvm_mmu_gfn_disallow_lpage} / {@code kvm_mmu_gfn_allow_lpage} (count = +1 or -1). */
    void updateDisallowLpage(long gfn, int count) {
        for (int level = 2; level <= 3; level++) {
            disallowLpage[level - 2][lpageIndex(gfn, level)] += count;
        }
    }

    /** {@code mark_page_dirty_in_slot()}. */
    void markPageDirty(long gfn) {
        if (dirtyBitmap != null) {
            long rel = gfn - baseGfn;
            dirtyBitmap[(int) (rel >>> 6)] |= 1L << rel;
        }
    }

    public boolean isDirty(long gfn) {
        long rel = gfn - baseGfn;
        return dirtyBitmap != null && (dirtyBitmap[(int) (rel >>> 6)] & (1L << rel)) != 0;
    }

    long dirtyCount() {
        long n = 0;
        if (dirtyBitmap != null) {
            for (long w : dirtyBitmap) {
                n += Long.bitCount(w);
            }
        }
        return n;
    }

    /**
     * {@code kvm_alloc_memslot_metadata()} (arch/x86/kvm/x86.c): per level, the first large page is disallowed if
     * base_gfn is unaligned, the last if base_gfn + npages is unaligned, all of them if base_gfn and the HVA disagree
     * in their offset within a large page. The hole flags of both proposals disallow huge pages at every level.
     */
    void allocLpageInfo() {
        for (int level = 2; level <= 3; level++) {
            int shift = (level - 1) * 9;
            long first = baseGfn >>> shift;
            long last = (baseGfn + npages - 1) >>> shift;
            int n = (int) (last - first + 1);
            int[] info = new int[n];
            long mask = (1L << shift) - 1;
            if ((baseGfn & mask) != 0) {
                info[0] = 1;
            }
            if (((baseGfn + npages) & mask) != 0) {
                info[n - 1] = 1;
            }
            boolean holeFlag = (flags & (MemFlags.ALLONES | MemFlags.PCI_HOLE)) != 0;
            if (holeFlag || ((baseGfn ^ (userspaceAddr >>> 12)) & mask) != 0) {
                java.util.Arrays.fill(info, 1);
            }
            disallowLpage[level - 2] = info;
        }
    }

    /** A copy at another place or with other flags, sharing nothing mutable but what the kernel carries over. */
    Memslot withFlags(int newFlags) {
        Memslot s = new Memslot(asId, id, baseGfn, npages, newFlags, userspaceAddr);
        s.disallowLpage[0] = disallowLpage[0];
        s.disallowLpage[1] = disallowLpage[1];
        s.dirtyBitmap = dirtyBitmap;
        return s;
    }

    @Override
    public String toString() {
        return String.format("slot %d/%d gfn 0x%x+0x%x flags %s hva 0x%x", asId, id, baseGfn, npages,
                MemFlags.describe(flags), userspaceAddr);
    }
}
