package dev.memscope.views.sptetree;

import dev.memscope.emulator.api.SpteBits;
import dev.memscope.emulator.api.SpteBits.Format;

/** What one SPTE is, for colour and wording: the kernel's {@code is_*} predicates applied in order. */
public enum SpteKind {
    /** The root sp itself (a row for the table, not an entry). */
    ROOT,
    /** Zero: nothing cached. */
    EMPTY,
    /** {@code is_mmio_spte()}: caches "this gfn is MMIO" with the memslot generation. */
    MMIO,
    /** Not zero, not shadow-present and not MMIO (for example a frozen or removed SPTE). */
    NOT_PRESENT,
    /** A shadow-present non-leaf: points to a child sp. */
    TABLE,
    /** {@code is_last_spte()}, writable. */
    LEAF_WRITABLE,
    /** {@code is_last_spte()}, not writable (read-only slot, shared 0xff page, write-protected, dirty-logged). */
    LEAF_READONLY;

    public static SpteKind of(Format f, long spte, int level) {
        if (spte == 0) {
            return EMPTY;
        }
        if (SpteBits.isMmio(f, spte)) {
            return MMIO;
        }
        if (!SpteBits.isShadowPresent(spte)) {
            return NOT_PRESENT;
        }
        if (!SpteBits.isLast(spte, level)) {
            return TABLE;
        }
        return SpteBits.writable(f, spte) ? LEAF_WRITABLE : LEAF_READONLY;
    }

    public boolean isLeafLike() {
        return this == LEAF_WRITABLE || this == LEAF_READONLY || this == MMIO;
    }
}
