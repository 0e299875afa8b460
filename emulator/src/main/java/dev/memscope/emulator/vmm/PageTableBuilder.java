package dev.memscope.emulator.vmm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds 4-level x86-64 page tables in a contiguous guest-physical region, allocating tables in order from its
 * start: the PML4 first (its address is CR3). Upper-level entries are present and writable; A and D start clear, for
 * the CPU to set.
 */
final class PageTableBuilder {
    private static final long ADDR_MASK = 0x000F_FFFF_FFFF_F000L;
    private final long base;
    private final long limit;
    private final List<long[]> tables = new ArrayList<>();

    PageTableBuilder(long base, long limit) {
        this.base = base;
        this.limit = limit;
        allocate(); // PML4
    }

    private long allocate() {
        long gpa = base + (long) tables.size() * 4096;
        if (gpa + 4096 > limit) {
            throw new IllegalArgumentException(String.format("the boot page tables do not fit below 0x%x: map less "
                    + "memory with 4 KiB pages, or use 2 MiB pages", limit));
        }
        tables.add(new long[512]);
        return gpa;
    }

    private long[] table(long gpa) {
        return tables.get((int) ((gpa - base) >>> 12));
    }

    /** Maps [start, start+bytes) to itself with leaves of {@code size}; {@code flags} go on the leaves. */
    void identityMap(long start, long bytes, BootLayout.PageSize size, long flags) {
        if (start % size.bytes != 0 || bytes % size.bytes != 0) {
            throw new IllegalArgumentException(String.format("range 0x%x+0x%x is not aligned to the page size 0x%x",
                    start, bytes, size.bytes));
        }
        int leafLevel = size == BootLayout.PageSize.SIZE_2M ? 2 : 1;
        for (long va = start; va < start + bytes; va += size.bytes) {
            long tableGpa = base; // PML4
            for (int level = 4; level > leafLevel; level--) {
                long[] t = table(tableGpa);
                int index = (int) ((va >>> (12 + 9 * (level - 1))) & 511);
                if ((t[index] & BootLayout.PTE_P) == 0) {
                    t[index] = allocate() | BootLayout.PTE_P | BootLayout.PTE_RW;
                }
                tableGpa = t[index] & ADDR_MASK;
            }
            long[] leafTable = table(tableGpa);
            int index = (int) ((va >>> (12 + 9 * (leafLevel - 1))) & 511);
            leafTable[index] = va | flags | (leafLevel == 2 ? BootLayout.PTE_PS : 0);
        }
    }

    long sizeBytes() {
        return (long) tables.size() * 4096;
    }

    byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate(tables.size() * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] t : tables) {
            for (long e : t) {
                b.putLong(e);
            }
        }
        return b.array();
    }
}
