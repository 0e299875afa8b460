package dev.memscope.emulator.api;

import java.util.Locale;

/**
 * Something a view should point at, named the way the machine names it: a lesson step's "look here". Each pane
 * honours the kinds it shows and ignores the others. Every value has a text form that parses back to the same value
 * ({@link #text()}, {@link #parse(String)}), used by lesson files:
 * <ul>
 * <li>{@code memslot:N} the memslot with id N (address space 0);</li>
 * <li>{@code memslot@0xGPA} the memslot that covers that guest-physical address, whatever its id;</li>
 * <li>{@code spte:0xGFN} the SPTE that maps (or caches MMIO for) that gfn;</li>
 * <li>{@code gfns:0xGFN+N} N gfns from that one (in the SPTE map);</li>
 * <li>{@code phase:NAME} a phase of the fault in focus ({@link FaultPhase}, lower case);</li>
 * <li>{@code candidate:0xGFN} the prefetch candidate for that gfn.</li>
 * </ul>
 */
public sealed interface Highlight {
    String text();

    /** Whether this highlight covers the gfn (memslot highlights never do: they are resolved against the slots). */
    default boolean coversGfn(long gfn) {
        return false;
    }

    record Memslot(int slotId) implements Highlight {
        public Memslot {
            if (slotId < 0 || slotId > 0xFFFF) {
                throw new IllegalArgumentException("a memslot id is 0 to 65535, not " + slotId);
            }
        }

        @Override
        public String text() {
            return "memslot:" + slotId;
        }
    }

    record MemslotAt(long gpa) implements Highlight {
        @Override
        public String text() {
            return "memslot@0x" + Long.toHexString(gpa);
        }
    }

    record Spte(long gfn) implements Highlight {
        @Override
        public String text() {
            return "spte:0x" + Long.toHexString(gfn);
        }

        @Override
        public boolean coversGfn(long g) {
            return g == gfn;
        }
    }

    record Gfns(long firstGfn, long pages) implements Highlight {
        public Gfns {
            if (pages < 1) {
                throw new IllegalArgumentException("a gfn range has at least one page, not " + pages);
            }
        }

        @Override
        public String text() {
            return "gfns:0x" + Long.toHexString(firstGfn) + "+" + pages;
        }

        @Override
        public boolean coversGfn(long g) {
            return Long.compareUnsigned(g, firstGfn) >= 0 && Long.compareUnsigned(g - firstGfn, pages) < 0;
        }
    }

    record Phase(FaultPhase phase) implements Highlight {
        @Override
        public String text() {
            return "phase:" + phase.name().toLowerCase(Locale.ROOT);
        }
    }

    record Candidate(long gfn) implements Highlight {
        @Override
        public String text() {
            return "candidate:0x" + Long.toHexString(gfn);
        }

        @Override
        public boolean coversGfn(long g) {
            return g == gfn;
        }
    }

    /** Parses a text form; the message of the exception names what was wrong. */
    static Highlight parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("memslot@")) {
            return new MemslotAt(number(t.substring(8), t));
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a highlight: '" + t + "' (expected memslot:N, memslot@0xGPA, "
                    + "spte:0xGFN, gfns:0xGFN+N, phase:NAME or candidate:0xGFN)");
        }
        String kind = t.substring(0, colon);
        String value = t.substring(colon + 1);
        return switch (kind) {
            case "memslot" -> {
                long id = number(value, t);
                yield new Memslot(id < 0 || id > 0xFFFF ? -1 : (int) id);
            }
            case "spte" -> new Spte(number(value, t));
            case "candidate" -> new Candidate(number(value, t));
            case "gfns" -> {
                int plus = value.indexOf('+');
                if (plus < 0) {
                    throw new IllegalArgumentException("a gfn range needs a count: '" + t + "' (gfns:0xGFN+N)");
                }
                yield new Gfns(number(value.substring(0, plus), t), number(value.substring(plus + 1), t));
            }
            case "phase" -> {
                try {
                    yield new Phase(FaultPhase.valueOf(value.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown fault phase '" + value + "' in '" + t + "'; phases: "
                            + java.util.Arrays.toString(FaultPhase.values()).toLowerCase(Locale.ROOT));
                }
            }
            default -> throw new IllegalArgumentException("unknown highlight kind '" + kind + "' in '" + t
                    + "' (expected memslot, spte, gfns, phase or candidate)");
        };
    }

    /** A decimal or 0x-prefixed hexadecimal number. */
    private static long number(String s, String whole) {
        String v = s.strip();
        try {
            return v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in highlight '" + whole + "': " + v);
        }
    }
}
