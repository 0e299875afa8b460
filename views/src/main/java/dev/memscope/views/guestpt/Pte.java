package dev.memscope.views.guestpt;

import dev.memscope.views.common.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * The bits of a guest x86-64 page-table entry (4-level paging, Intel SDM Vol. 3 §4.5, tables 4-14 to 4-20), named as
 * the manual names them. Pure functions over the entry's value; {@code level} is 4 for a PML4E down to 1 for a PTE.
 */
public final class Pte {
    public static final long P = 1L;
    public static final long RW = 1L << 1;
    public static final long US = 1L << 2;
    public static final long PWT = 1L << 3;
    public static final long PCD = 1L << 4;
    public static final long A = 1L << 5;
    public static final long D = 1L << 6;
    /** Page size at levels 3 and 2; the PAT bit at level 1. */
    public static final long PS = 1L << 7;
    public static final long G = 1L << 8;
    public static final long NX = 1L << 63;
    /** Physical-address bits 12-51 (MAXPHYADDR 52). */
    public static final long ADDR_MASK = 0x000F_FFFF_FFFF_F000L;

    /** One flag: its bit and its name in the manual. */
    public record Flag(String name, long bit) {
    }

    private Pte() {
    }

    public static boolean present(long entry) {
        return (entry & P) != 0;
    }

    /** Whether the entry maps a page (a PTE, or a PDE/PDPTE with PS) rather than pointing to a table. */
    public static boolean isLeaf(long entry, int level) {
        return level == 1 || (level == 2 || level == 3) && (entry & PS) != 0;
    }

    /** The next table's gpa (non-leaf) or the page's gpa (leaf, aligned to its size). */
    public static long address(long entry, int level) {
        if (isLeaf(entry, level) && level > 1) {
            return entry & ADDR_MASK & -(1L << (12 + 9 * (level - 1)));
        }
        return entry & ADDR_MASK;
    }

    /** Bytes one entry at {@code level} maps: 4K, 2M, 1G, 512G. */
    public static long span(int level) {
        return 1L << (12 + 9 * (level - 1));
    }

    /** The manual's name of an entry at {@code level}. */
    public static String entryName(int level) {
        return switch (level) {
            case 4 -> "PML4E";
            case 3 -> "PDPTE";
            case 2 -> "PDE";
            default -> "PTE";
        };
    }

    /** The flags an entry at {@code level} has, in bit order: P RW US PWT PCD A D PS G PAT NX. */
    public static List<Flag> flags(long entry, int level) {
        List<Flag> out = new ArrayList<>();
        add(out, entry, "P", P);
        add(out, entry, "RW", RW);
        add(out, entry, "US", US);
        add(out, entry, "PWT", PWT);
        add(out, entry, "PCD", PCD);
        add(out, entry, "A", A);
        add(out, entry, "D", D);
        if (level == 1) {
            add(out, entry, "PAT", PS);
        } else {
            add(out, entry, "PS", PS);
        }
        add(out, entry, "G", G);
        if (level > 1 && isLeaf(entry, level)) {
            add(out, entry, "PAT", 1L << 12);
        }
        add(out, entry, "NX", NX);
        return out;
    }

    private static void add(List<Flag> out, long entry, String name, long bit) {
        if ((entry & bit) != 0) {
            out.add(new Flag(name, bit));
        }
    }

    /** The flag names joined: {@code P RW A PS NX}; {@code not present} for an entry without P. */
    public static String flagText(long entry, int level) {
        if (!present(entry)) {
            return entry == 0 ? "not present" : "not present (" + Hex.of(entry) + ")";
        }
        StringBuilder sb = new StringBuilder();
        for (Flag f : flags(entry, level)) {
            sb.append(sb.length() == 0 ? "" : " ").append(f.name());
        }
        return sb.toString();
    }

    /** One line: {@code PDE P RW A PS NX -> page 0xb0000000 (2M)} or {@code -> table 0x13000}. */
    public static String summary(long entry, int level) {
        if (!present(entry)) {
            return entryName(level) + " " + flagText(entry, level);
        }
        String target = isLeaf(entry, level)
                ? "page " + Hex.of(address(entry, level)) + " (" + sizeName(level) + ")"
                : "table " + Hex.of(address(entry, level));
        return entryName(level) + " " + flagText(entry, level) + " \u2192 " + target;
    }

    public static String sizeName(int level) {
        return switch (level) {
            case 1 -> "4K";
            case 2 -> "2M";
            case 3 -> "1G";
            default -> "512G";
        };
    }

    /** {@code gva} sign-extended from bit 47, as canonical addresses are. */
    public static long canonical(long gva) {
        return gva << 16 >> 16;
    }
}
