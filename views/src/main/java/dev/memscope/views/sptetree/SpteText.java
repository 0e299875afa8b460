package dev.memscope.views.sptetree;

import dev.memscope.emulator.api.SpteBits;
import dev.memscope.emulator.api.SpteBits.Format;
import dev.memscope.views.common.Hex;

/**
 * Words for one SPTE (the bit layout of arch/x86/kvm/mmu/spte.h, read through {@link SpteBits}): a one-line summary
 * for the table and every bit for the tooltip.
 */
public final class SpteText {
    private SpteText() {
    }

    /** {@code 4K}, {@code 2M}, {@code 1G}, {@code 512G} for what one entry of a table at {@code level} maps. */
    public static String pageSize(int level) {
        return switch (level) {
            case 1 -> "4K";
            case 2 -> "2M";
            case 3 -> "1G";
            default -> "512G";
        };
    }

    /** R/W/X (and U/S in the PT format) as letters, {@code -} for a clear bit. */
    public static String permissions(Format f, long spte) {
        StringBuilder sb = new StringBuilder();
        sb.append((spte & f.presentMask) != 0 ? 'R' : '-');
        sb.append(SpteBits.writable(f, spte) ? 'W' : '-');
        sb.append(SpteBits.executable(f, spte) ? 'X' : '-');
        if (f == Format.PT) {
            sb.append((spte & f.userMask) != 0 ? 'U' : 'S');
        }
        return sb.toString();
    }

    /** One line: {@code R-X A  WB 4K  pfn 0xffff0}, {@code MMIO gen 16}, {@code RWX A -> sp level 1 ...}. */
    public static String summary(Format f, long spte, int level, Integer childRole) {
        SpteKind kind = SpteKind.of(f, spte, level);
        switch (kind) {
            case EMPTY:
                return "not present";
            case MMIO:
                return String.format("MMIO spte  gfn %s  gen %d", Hex.of(SpteBits.mmioGfn(spte)),
                        SpteBits.mmioGeneration(spte));
            case NOT_PRESENT:
                return "not present (" + Hex.of(spte) + ")";
            case TABLE:
                return permissions(f, spte) + (SpteBits.accessed(f, spte) ? " A" : "") + "  \u2192 sp "
                        + (childRole == null ? "pfn " + Hex.of(SpteBits.pfn(spte)) : SpRole.compact(childRole));
            default:
                break;
        }
        StringBuilder sb = new StringBuilder(permissions(f, spte));
        sb.append(SpteBits.accessed(f, spte) ? " A" : " -");
        sb.append(SpteBits.dirty(f, spte) ? "D" : "-");
        sb.append(SpteBits.hostWritable(f, spte) ? " HW" : "");
        sb.append(SpteBits.mmuWritable(f, spte) ? " MW" : "");
        String mt = memoryType(f, spte);
        if (!mt.isEmpty()) {
            sb.append(' ').append(mt);
        }
        sb.append(' ').append(pageSize(level));
        sb.append("  pfn ").append(Hex.of(SpteBits.pfn(spte)));
        return sb.toString();
    }

    /** EPT memory type and IPAT, such as {@code WB+IPAT}; empty in the PT format. */
    public static String memoryType(Format f, long spte) {
        int mt = SpteBits.memoryType(f, spte);
        if (mt < 0) {
            return "";
        }
        String name = switch (mt) {
            case 0 -> "UC";
            case 1 -> "WC";
            case 4 -> "WT";
            case 5 -> "WP";
            case 6 -> "WB";
            default -> "mt" + mt;
        };
        return (spte & 1L << 6) != 0 ? name + "+IPAT" : name;
    }

    /** Every field of the SPTE, one per line, with the bit it lives in. */
    public static String details(Format f, long spte, int level) {
        SpteKind kind = SpteKind.of(f, spte, level);
        StringBuilder sb = new StringBuilder();
        sb.append("spte ").append(Hex.padded(spte, 16)).append("  (").append(f == Format.EPT ? "EPT" : "PT")
                .append(" format)\n");
        switch (kind) {
            case EMPTY -> sb.append("not present: nothing cached for this entry");
            case MMIO -> sb.append("MMIO spte (is_mmio_spte): ")
                    .append(f == Format.EPT ? "W+X without R, an EPT misconfiguration" : "reserved bit 51 + P")
                    .append("\n  gfn ").append(Hex.of(SpteBits.mmioGfn(spte)))
                    .append("\n  generation ").append(SpteBits.mmioGeneration(spte))
                    .append(" (bits 3-10 and 52-62)\n  every access still exits: the decode is just cheaper");
            case NOT_PRESENT -> sb.append("not shadow-present (bit 11 clear) and not MMIO");
            default -> {
                line(sb, "present / readable", (spte & f.presentMask) != 0, "bit 0");
                line(sb, "writable", SpteBits.writable(f, spte), "bit 1");
                line(sb, "executable", SpteBits.executable(f, spte), f == Format.EPT ? "bit 2" : "NX bit 63 clear");
                if (f == Format.PT) {
                    line(sb, "user", (spte & f.userMask) != 0, "bit 2");
                }
                line(sb, "accessed", SpteBits.accessed(f, spte), f == Format.EPT ? "bit 8" : "bit 5");
                line(sb, "dirty", SpteBits.dirty(f, spte), f == Format.EPT ? "bit 9" : "bit 6");
                line(sb, "host-writable", SpteBits.hostWritable(f, spte), f == Format.EPT ? "bit 57" : "bit 9");
                line(sb, "MMU-writable", SpteBits.mmuWritable(f, spte), f == Format.EPT ? "bit 58" : "bit 10");
                line(sb, "large page", SpteBits.isLarge(spte) && level > 1, "bit 7");
                if (f == Format.EPT && kind != SpteKind.TABLE) {
                    sb.append(String.format("  %-20s %s%n", "memory type", memoryType(f, spte) + "  bits 3-6"));
                }
                int ad = (int) (spte >>> SpteBits.AD_SHIFT & 3);
                sb.append(String.format("  %-20s %s%n", "A/D type", (ad == 0 ? "enabled" : ad == 1 ? "disabled"
                        : ad == 2 ? "write-protect only" : "invalid (3)") + "  bits 52-53"));
                sb.append(String.format("  %-20s %s", kind == SpteKind.TABLE ? "child table pfn" : "pfn",
                        Hex.of(SpteBits.pfn(spte))));
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, boolean set, String where) {
        sb.append(String.format("  %-20s %-4s %s%n", name, set ? "yes" : "no", where));
    }
}
