package dev.memscope.views.events;

/**
 * An inclusive range of guest frame numbers, parsed from what a user types: hex as the kernel prints gfns, with or
 * without {@code 0x}: {@code b0018}, {@code b0000-b00ff}, {@code b0000+100} (a count, also hex).
 */
public record GfnRange(long first, long last) {
    public GfnRange {
        if (Long.compareUnsigned(last, first) < 0) {
            throw new IllegalArgumentException(String.format("gfn range ends (%x) before it starts (%x)", last,
                    first));
        }
    }

    /** Parses {@code text}; throws IllegalArgumentException with a message fit for the user. */
    public static GfnRange parse(String text) {
        String t = text.strip().toLowerCase();
        int dash = t.indexOf('-');
        int plus = t.indexOf('+');
        if (dash > 0) {
            return new GfnRange(hex(t.substring(0, dash)), hex(t.substring(dash + 1)));
        }
        if (plus > 0) {
            long first = hex(t.substring(0, plus));
            long count = hex(t.substring(plus + 1));
            if (count == 0) {
                throw new IllegalArgumentException("a gfn range of 0 pages");
            }
            return new GfnRange(first, first + count - 1);
        }
        long gfn = hex(t);
        return new GfnRange(gfn, gfn);
    }

    static long hex(String s) {
        String h = s.strip();
        if (h.startsWith("0x")) {
            h = h.substring(2);
        }
        if (h.isEmpty() || h.length() > 16) {
            throw new IllegalArgumentException("not a hex gfn: \"" + s.strip() + "\"");
        }
        try {
            return Long.parseUnsignedLong(h, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a hex gfn: \"" + s.strip() + "\"");
        }
    }

    @Override
    public String toString() {
        return first == last ? Long.toHexString(first)
                : Long.toHexString(first) + "-" + Long.toHexString(last);
    }
}
