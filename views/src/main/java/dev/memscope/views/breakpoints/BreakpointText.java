package dev.memscope.views.breakpoints;

import dev.memscope.emulator.api.Breakpoint;
import java.util.Locale;

/**
 * Breakpoints typed as one line: {@code rip 0x100bb3}, {@code gpa 0xb0018000} or {@code gpa 0xb0000000-0xb0100000},
 * {@code spte 0xb0018} (a gfn), {@code memslot}, {@code exit MMIO} or {@code exit 6}, {@code hole 00:03.0},
 * {@code sync 2}.
 */
public final class BreakpointText {
    static final String HELP = "rip 0xADDR · gpa 0xADDR[-0xEND] · spte 0xGFN · memslot · exit MMIO|IO|HLT|N · "
            + "hole bb:dd.f · sync N";

    private BreakpointText() {
    }

    public static Breakpoint parse(String line) {
        String t = line == null ? "" : line.strip();
        String[] w = t.split("\\s+", 2);
        String kind = w[0].toLowerCase(Locale.ROOT);
        String arg = w.length > 1 ? w[1].strip() : "";
        try {
            return switch (kind) {
                case "rip" -> new Breakpoint.Rip(number(arg, "an address"));
                case "gpa" -> {
                    int dash = arg.indexOf('-');
                    long start = number(dash < 0 ? arg : arg.substring(0, dash), "a gpa");
                    long end = dash < 0 ? start + 1 : number(arg.substring(dash + 1), "an end gpa");
                    yield new Breakpoint.GpaRange(start, end);
                }
                case "spte" -> new Breakpoint.SpteChange(number(arg, "a gfn"));
                case "memslot" -> new Breakpoint.MemslotChange();
                case "exit" -> new Breakpoint.ExitReason(exitReason(arg));
                case "hole" -> hole(arg);
                case "sync" -> new Breakpoint.SyncValue(number(arg, "a sync value"));
                default -> throw new IllegalArgumentException("unknown breakpoint kind '" + w[0] + "'; write one of: "
                        + HELP);
            };
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("unknown") ? e
                    : new IllegalArgumentException(e.getMessage());
        }
    }

    private static long number(String s, String what) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("missing " + what);
        }
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
                    : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not " + what + " (decimal, or hex with 0x)");
        }
    }

    /** {@code kvm_run.exit_reason} by name or number (include/uapi/linux/kvm.h). */
    private static int exitReason(String s) {
        return switch (s.toUpperCase(Locale.ROOT).replace("KVM_EXIT_", "")) {
            case "IO" -> 2;
            case "HLT" -> 5;
            case "MMIO" -> 6;
            case "SHUTDOWN" -> 8;
            case "INTERNAL_ERROR" -> 17;
            default -> (int) number(s, "an exit reason (MMIO, IO, HLT, SHUTDOWN, or a number)");
        };
    }

    private static Breakpoint hole(String s) {
        var m = java.util.regex.Pattern.compile("([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\\.([0-7])").matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + s + "' is not a PCI function (bb:dd.f, hex)");
        }
        int bus = Integer.parseInt(m.group(1), 16);
        int dev = Integer.parseInt(m.group(2), 16);
        if (dev > 31) {
            throw new IllegalArgumentException("device " + m.group(2) + " is above 1f");
        }
        return new Breakpoint.HoleHit(bus, dev, Integer.parseInt(m.group(3)));
    }
}
