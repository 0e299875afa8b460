package dev.memscope.views.prefetch;

/**
 * One row of the window: a gfn (or a run of {@code pages} gfns) with what happened to it.
 *
 * @param slot the memslot covering the first gfn, in words ({@code 5 ALLONES}, {@code 0}, {@code none})
 * @param where what the gpa is: an ECAM function ({@code 00:1f.1}), or empty
 * @param spte the SPTE after the prefetch step, 0 when none or unknown
 */
public record CandidateRow(long gfn, int pages, Shown shown, int slotId, String slot, String where, long spte) {
    public long endGfn() {
        return gfn + pages;
    }

    public boolean contains(long g) {
        return g >= gfn && g < gfn + pages;
    }
}
