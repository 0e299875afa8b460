package dev.memscope.views.events;

import dev.memscope.emulator.api.TraceEvent;

/**
 * The header trace-cmd prints before each event ({@code trace-cmd report}), adapted to the model: the sequence
 * number instead of the task, the vCPU as the CPU column, the modelled time in seconds to the nanosecond.
 */
public final class EventLine {
    /** The column titles, aligned with {@link #header}. */
    public static final String TITLES = String.format("%9s %5s %15s  %s", "SEQ", "CPU", "TIMESTAMP", "EVENT");

    private EventLine() {
    }

    /** {@code "    48213 [000]     0.001234567: "}. */
    public static String header(TraceEvent e) {
        return String.format("%9d [%03d] %5d.%09d: ", e.seq(), e.vcpu(), e.nanos() / 1_000_000_000L,
                e.nanos() % 1_000_000_000L);
    }

    /** The whole line, as copied to the clipboard. */
    public static String full(TraceEvent e) {
        return header(e) + e.line();
    }
}
