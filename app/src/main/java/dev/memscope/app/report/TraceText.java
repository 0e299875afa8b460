package dev.memscope.app.report;

import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.backend.kvm.KernelTrace;
import java.util.List;

/**
 * The event log as trace-cmd prints it ({@code trace-cmd report}): one line per event, a task column, the CPU, a
 * timestamp in seconds (modelled time), the tracepoint name and its {@code TP_printk} text. Memscope's own events keep
 * their {@code memscope} system so they cannot be mistaken for kernel tracepoints. On real KVM, the kernel's own lines
 * as tracefs printed them ({@link #ofKernel}).
 */
public final class TraceText {
    private TraceText() {
    }

    public static String of(List<TraceEvent> events, String header) {
        StringBuilder sb = comments(header);
        long expected = events.isEmpty() ? 0 : events.get(0).seq();
        for (TraceEvent e : events) {
            if (e.seq() != expected) {
                sb.append(String.format("# %d events lost here (the ring buffer overwrote them)%n", e.seq() - expected));
            }
            expected = e.seq() + 1;
            sb.append(line(e)).append('\n');
        }
        return sb.toString();
    }

    /** The kernel's own tracepoints (real KVM), under the header and a note on where they came from. */
    public static String ofKernel(KernelTrace.Capture capture, String header) {
        StringBuilder sb = comments(header);
        sb.append("# the kernel's own kvm and kvmmmu tracepoints (tracefs), this process's threads only\n");
        if (capture.lost() > 0) {
            sb.append(String.format("# the kernel's trace buffer overflowed: the oldest %,d events are missing%n",
                    capture.lost()));
        }
        for (KernelTrace.Line l : capture.lines()) {
            sb.append(l.line()).append('\n');
        }
        return sb.toString();
    }

    /** Each line of the header as a comment line. */
    private static StringBuilder comments(String header) {
        StringBuilder sb = new StringBuilder();
        for (String h : header.split("\n")) {
            sb.append("# ").append(h).append('\n');
        }
        return sb;
    }

    /** {@code       vcpu-0-1     [000]     0.001234: kvm_mmu_set_spte:     gfn 100 ...} */
    public static String line(TraceEvent e) {
        String name = e.kind().isKernelTracepoint() ? e.kind().tracepoint() : "memscope:" + e.kind().tracepoint();
        return String.format("%16s [%03d] %12.6f: %-24s %s", "vcpu-" + e.vcpu() + "-1", e.vcpu(), e.nanos() / 1e9,
                name + ":", e.text());
    }
}
