package dev.memscope.emulator.session;

import dev.memscope.emulator.api.GuestTables;
import dev.memscope.emulator.api.GuestWalk;
import dev.memscope.emulator.backend.Introspection;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the guest's own 4-level page tables through guest-physical memory, for the views: the whole tree from CR3,
 * and the walk of one address (Intel SDM Vol. 3, 4.5), without setting Accessed or Dirty bits.
 */
final class GuestTablesReader {
    static final long ADDR = 0x000F_FFFF_FFFF_F000L;
    /** At most this many tables are read for a view (a guest with more gets the first ones, breadth first). */
    static final int MAX_TABLES = 4096;

    private GuestTablesReader() {
    }

    static GuestTables tables(Introspection memory, long cr3) {
        List<GuestTables.Table> out = new ArrayList<>();
        List<long[]> queue = new ArrayList<>();
        queue.add(new long[] {cr3 & ADDR, 4});
        for (int q = 0; q < queue.size() && out.size() < MAX_TABLES; q++) {
            long gpa = queue.get(q)[0];
            int level = (int) queue.get(q)[1];
            long[] entries = readTable(memory, gpa);
            out.add(new GuestTables.Table(gpa, level, entries));
            if (level == 1) {
                continue;
            }
            for (long e : entries) {
                boolean present = (e & 1) != 0;
                boolean large = level <= 3 && (e & 0x80) != 0;
                if (present && !large) {
                    queue.add(new long[] {e & ADDR, level - 1});
                }
            }
        }
        return new GuestTables(cr3, out);
    }

    static GuestWalk walk(Introspection memory, long cr3, long gva) {
        List<GuestWalk.Step> steps = new ArrayList<>();
        long table = cr3 & ADDR;
        if (gva != (gva << 16 >> 16)) {
            return new GuestWalk(gva, cr3, steps, -1, 0, "not canonical: bits 63-48 must copy bit 47 (#GP)");
        }
        for (int level = 4; level >= 1; level--) {
            int index = (int) ((gva >>> (12 + 9 * (level - 1))) & 511);
            long e = readLong(memory, table + index * 8L);
            steps.add(new GuestWalk.Step(level, table, index, e));
            if ((e & 1) == 0) {
                return new GuestWalk(gva, cr3, steps, -1, 0, "not present at level " + level + " (#PF)");
            }
            if (level == 4 && (e & 0x80) != 0) {
                return new GuestWalk(gva, cr3, steps, -1, 0, "reserved bit 7 set in the PML4 entry (#PF, RSVD)");
            }
            if (level <= 3 && (e & 0x80) != 0 || level == 1) {
                long size = 1L << (12 + 9 * (level - 1));
                long base = e & ADDR & ~(size - 1);
                return new GuestWalk(gva, cr3, steps, base | (gva & (size - 1)), level, "");
            }
            table = e & ADDR;
        }
        return new GuestWalk(gva, cr3, steps, -1, 0, "walk did not end");
    }

    private static long[] readTable(Introspection memory, long gpa) {
        byte[] bytes = memory.readGuestPhysical(gpa, 4096);
        long[] entries = new long[512];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(entries);
        return entries;
    }

    private static long readLong(Introspection memory, long gpa) {
        return ByteBuffer.wrap(memory.readGuestPhysical(gpa, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
