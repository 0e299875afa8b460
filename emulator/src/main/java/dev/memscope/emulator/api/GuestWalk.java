package dev.memscope.emulator.api;

import java.util.List;

/**
 * The walk of one guest-linear address through the guest's page tables.
 *
 * @param steps one per level visited, from the PML4 down
 * @param gpa the resulting guest-physical address, or -1 when the walk faults
 * @param fault why it faults ("not present at level 2", "reserved bit set at level 3"...), or empty
 */
public record GuestWalk(long gva, long cr3, List<Step> steps, long gpa, int pageLevel, String fault) {
    /** One level of the walk: the table read, the index used, the entry found. */
    public record Step(int level, long tableGpa, int index, long entry) {
    }

    public GuestWalk {
        steps = List.copyOf(steps);
    }
}
