package dev.memscope.emulator.kvm;

import dev.memscope.emulator.backend.MemoryBacking;

/**
 * One userspace mapping of the VMM (a VMA): its HVA range, its backing, and which host frame backs each page once
 * it is present. Frames are recorded per page in a two-level radix of {@code long[512]} (0 = not present), or per
 * huge page for huge backings, so a sparse mapping of 256 GiB costs only what is touched.
 */
public final class HostMapping {
    private static final int LEAF_SHIFT = 9;
    private final long startHva;
    private final long bytes;
    private final MemoryBacking backing;
    private final boolean e820Ram;
    /** Per 4 KiB page: pfn or 0 (ANONYMOUS, FILLED_FF, PFN_ONLY). */
    private final long[][] pfns;
    /** Per huge page: first pfn or 0 (ANONYMOUS_HUGE_2M / _1G). */
    private final long[] hugePfns;
    /** SINGLE_PAGE_FF: the one frame behind every page. */
    long singlePfn;

    HostMapping(long startHva, long bytes, MemoryBacking backing, boolean e820Ram) {
        this.startHva = startHva;
        this.bytes = bytes;
        this.backing = backing;
        this.e820Ram = e820Ram;
        long pages = bytes >>> 12;
        switch (backing) {
            case ANONYMOUS_HUGE_2M -> {
                pfns = null;
                hugePfns = new long[(int) (pages >>> 9)];
            }
            case ANONYMOUS_HUGE_1G -> {
                pfns = null;
                hugePfns = new long[(int) (pages >>> 18)];
            }
            case SINGLE_PAGE_FF -> {
                pfns = null;
                hugePfns = null;
            }
            default -> {
                pfns = new long[(int) ((pages + (1 << LEAF_SHIFT) - 1) >>> LEAF_SHIFT)][];
                hugePfns = null;
            }
        }
    }

    public long startHva() {
        return startHva;
    }

    public long bytes() {
        return bytes;
    }

    public long endHva() {
        return startHva + bytes;
    }

    public MemoryBacking backing() {
        return backing;
    }

    /** For PFN_ONLY: whether the frames are RAM in the host's e820 table (hidden with mem=) or device memory. */
    public boolean e820Ram() {
        return e820Ram;
    }

    public boolean contains(long hva) {
        return Long.compareUnsigned(hva - startHva, bytes) < 0;
    }

    /** Host page size of the backing in bytes. */
    public long pageSize() {
        return switch (backing) {
            case ANONYMOUS_HUGE_2M -> 1L << 21;
            case ANONYMOUS_HUGE_1G -> 1L << 30;
            default -> 1L << 12;
        };
    }

    /** The pfn behind the page at {@code hva}, or 0 when not present. */
    long pfnAt(long hva) {
        long page = (hva - startHva) >>> 12;
        switch (backing) {
            case ANONYMOUS_HUGE_2M -> {
                long base = hugePfns[(int) (page >>> 9)];
                return base == 0 ? 0 : base + (page & 511);
            }
            case ANONYMOUS_HUGE_1G -> {
                long base = hugePfns[(int) (page >>> 18)];
                return base == 0 ? 0 : base + (page & ((1 << 18) - 1));
            }
            case SINGLE_PAGE_FF -> {
                return singlePfn;
            }
            default -> {
                long[] leaf = pfns[(int) (page >>> LEAF_SHIFT)];
                return leaf == null ? 0 : leaf[(int) page & ((1 << LEAF_SHIFT) - 1)];
            }
        }
    }

    void setPfn(long hva, long pfn) {
        long page = (hva - startHva) >>> 12;
        switch (backing) {
            case ANONYMOUS_HUGE_2M -> hugePfns[(int) (page >>> 9)] = pfn - (page & 511);
            case ANONYMOUS_HUGE_1G -> hugePfns[(int) (page >>> 18)] = pfn - (page & ((1 << 18) - 1));
            case SINGLE_PAGE_FF -> singlePfn = pfn;
            default -> {
                int li = (int) (page >>> LEAF_SHIFT);
                long[] leaf = pfns[li];
                if (leaf == null) {
                    leaf = pfns[li] = new long[1 << LEAF_SHIFT];
                }
                leaf[(int) page & ((1 << LEAF_SHIFT) - 1)] = pfn;
            }
        }
    }

    /** Calls {@code action} with every present pfn (each huge page's frames once each). */
    void forEachPresentPfn(java.util.function.LongConsumer action) {
        if (backing == MemoryBacking.SINGLE_PAGE_FF) {
            if (singlePfn != 0) {
                action.accept(singlePfn);
            }
        } else if (hugePfns != null) {
            long per = pageSize() >>> 12;
            for (long base : hugePfns) {
                if (base != 0) {
                    for (long i = 0; i < per; i++) {
                        action.accept(base + i);
                    }
                }
            }
        } else {
            for (long[] leaf : pfns) {
                if (leaf != null) {
                    for (long p : leaf) {
                        if (p != 0) {
                            action.accept(p);
                        }
                    }
                }
            }
        }
    }
}
