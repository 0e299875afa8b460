package dev.memscope.emulator.api;

import java.util.List;

/**
 * The guest's own page tables as read from guest memory at one moment: every table reachable from CR3.
 *
 * @param tables each table's guest-physical address, level (4 = PML4 .. 1 = PT) and 512 entries
 */
public record GuestTables(long cr3, List<Table> tables) {
    public record Table(long gpa, int level, long[] entries) {
        public Table {
            entries = entries.clone();
        }

        @Override
        public long[] entries() {
            return entries.clone();
        }

        public long entry(int index) {
            return entries[index];
        }
    }

    public GuestTables {
        tables = List.copyOf(tables);
    }
}
