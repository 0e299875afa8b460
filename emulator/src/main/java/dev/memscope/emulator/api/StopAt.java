package dev.memscope.emulator.api;

import java.util.Locale;

/**
 * A point in a run, named the way the debugger names stops. Every value has a text form that parses back to the same
 * value ({@link #text()}, {@link #parse(String)}), used by {@code --stop-at}, session files and lessons:
 * <ul>
 * <li>{@code insn:N} after N guest instructions;</li>
 * <li>{@code fault:N} at the start of the Nth page fault (1-based), {@code fault:N/PHASE} after that phase of it;</li>
 * <li>{@code exit:N} at the Nth exit to userspace (1-based), when KVM_RUN has returned;</li>
 * <li>{@code sync:V} when the guest reports sync value V (port 0xF5) for the first time;</li>
 * <li>{@code gpa:0xADDR} at the first guest access that touches that guest-physical address;</li>
 * <li>{@code end} when the guest exits.</li>
 * </ul>
 */
public sealed interface StopAt {
    String text();

    record Instructions(long count) implements StopAt {
        public Instructions {
            requireNonNegative(count, "an instruction count");
        }

        @Override
        public String text() {
            return "insn:" + count;
        }
    }

    /** @param phase the phase after which to stop, or null for the start of the fault */
    record NthFault(long n, FaultPhase phase) implements StopAt {
        public NthFault {
            requirePositive(n, "a fault number");
        }

        @Override
        public String text() {
            return "fault:" + n + (phase == null ? "" : "/" + phase.name().toLowerCase(Locale.ROOT));
        }
    }

    record NthExit(long n) implements StopAt {
        public NthExit {
            requirePositive(n, "an exit number");
        }

        @Override
        public String text() {
            return "exit:" + n;
        }
    }

    record Sync(long value) implements StopAt {
        @Override
        public String text() {
            return "sync:" + value;
        }
    }

    record GpaTouched(long gpa) implements StopAt {
        @Override
        public String text() {
            return "gpa:0x" + Long.toHexString(gpa);
        }
    }

    record End() implements StopAt {
        @Override
        public String text() {
            return "end";
        }
    }

    /** Parses a text form; the message of the exception names what was wrong. */
    static StopAt parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("end")) {
            return new End();
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a stop position: '" + t + "' (expected insn:N, fault:N, "
                    + "fault:N/PHASE, exit:N, sync:V, gpa:0xADDR or end)");
        }
        String kind = t.substring(0, colon);
        String value = t.substring(colon + 1);
        try {
            return switch (kind) {
                case "insn" -> new Instructions(Long.parseLong(value));
                case "exit" -> new NthExit(Long.parseLong(value));
                case "sync" -> new Sync(Long.decode(value));
                case "gpa" -> new GpaTouched(Long.parseUnsignedLong(value.replaceFirst("^0[xX]", ""), 16));
                case "fault" -> {
                    int slash = value.indexOf('/');
                    if (slash < 0) {
                        yield new NthFault(Long.parseLong(value), null);
                    }
                    String phase = value.substring(slash + 1).toUpperCase(Locale.ROOT);
                    try {
                        yield new NthFault(Long.parseLong(value.substring(0, slash)), FaultPhase.valueOf(phase));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown fault phase '" + value.substring(slash + 1)
                                + "' in '" + t + "'; phases: " + java.util.Arrays.toString(FaultPhase.values())
                                        .toLowerCase(Locale.ROOT));
                    }
                }
                default -> throw new IllegalArgumentException("unknown stop kind '" + kind + "' in '" + t
                        + "' (expected insn, fault, exit, sync, gpa or end)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in stop position '" + t + "': " + value);
        }
    }

    private static void requireNonNegative(long v, String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " cannot be negative: " + v);
        }
    }

    private static void requirePositive(long v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " counts from 1: " + v);
        }
    }
}
