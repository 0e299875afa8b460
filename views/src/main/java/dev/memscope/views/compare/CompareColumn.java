package dev.memscope.views.compare;

/**
 * One run as the table heads it.
 *
 * @param index the column's index in the {@link dev.memscope.emulator.api.CompareTable}
 * @param variant the hole variant's name, the top header (shared by a model and a kernel run of it)
 * @param run "model" or "kernel", plus the MMU when runs differ in it; empty when only one backend ran
 * @param note why the run has no values, or empty
 * @param current whether this is the variant (and backend) the machine runs now
 */
public record CompareColumn(int index, String variant, String run, boolean kernel, boolean supported, String note,
        boolean current) {
}
