package dev.memscope.emulator.session;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.kvm.KernelTrace;
import dev.memscope.emulator.backend.kvm.KvmBackend;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.vmm.VmmException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The model's event log against the kernel's tracepoints for the same guest, on what both must agree on: the exits to
 * userspace, port and MMIO accesses, in order and printed alike ({@code kvm_userspace_exit}, {@code kvm_pio},
 * {@code kvm_mmio}). KVM_RUN cut short by a signal ({@code reason restart}: the VMM's time slices) depends on timing
 * and is left out on both sides. See docs/decisions/0015.
 *
 * @param model the model's compared lines ({@code event: text})
 * @param kernel the kernel's
 * @param firstDifference index of the first line that differs (or where the shorter list ends), -1 when identical
 */
public record TraceComparison(List<String> model, List<String> kernel, int firstDifference) {
    public static final Set<String> COMPARED = Set.of("kvm_userspace_exit", "kvm_pio", "kvm_mmio");
    /** The kernel events to record for a comparison, alone: few enough that no run overflows the buffer. */
    public static final List<String> KERNEL_EVENTS = List.of("kvm/kvm_userspace_exit", "kvm/kvm_pio", "kvm/kvm_mmio");
    private static final String INTERRUPTED = "kvm_userspace_exit: reason restart (4)";

    public TraceComparison {
        model = List.copyOf(model);
        kernel = List.copyOf(kernel);
    }

    /** Per CPU, for {@link #KERNEL_EVENTS}: pci-scan-naive, the longest exit stream of the samples, fits many times. */
    public static final int KERNEL_BUFFER_KB = 16384;
    /** Compared events the model's log keeps: pci-scan-naive makes about 200,000 (64 MiB of ring). */
    static final int MODEL_EVENTS = 1 << 20;

    /**
     * Runs the setup to its end on the model (recording only the compared kinds, so that its log holds the whole
     * run) and on the kernel (recording only the compared tracepoints), and compares.
     *
     * @throws IOException when the kernel cannot be traced, or its buffer or the model's log lost events
     */
    public static TraceComparison run(SessionSetup setup, BatchRun.Limits limits)
            throws IOException, BackendException, VmmException {
        List<TraceEvent> model = modelEvents(setup, limits);
        KernelTrace.Capture kernel;
        try (KernelTrace trace = KernelTrace.start(KERNEL_EVENTS, KERNEL_BUFFER_KB)) {
            BatchRun.run(setup.withBackend("kvm"), s -> KvmBackend.open(), limits);
            kernel = trace.stop();
        }
        return of(model, kernel);
    }

    /**
     * The model's events of the compared kinds for the setup run to its end (only those are recorded, so that the
     * log holds the whole run).
     *
     * @throws IOException when the log lost events all the same
     */
    public static List<TraceEvent> modelEvents(SessionSetup setup, BatchRun.Limits limits)
            throws IOException, BackendException, VmmException {
        SimBackend[] sim = new SimBackend[1];
        RunResult model = BatchRun.run(setup.withBackend("sim"), s -> {
            sim[0] = SimBackend.create(new SimOptions(s.mmu(), s.prefetchPolicy(), true)
                    .withEventCapacity(MODEL_EVENTS));
            for (EventKind k : EventKind.values()) {
                sim[0].eventLog().setEnabled(k, COMPARED.contains(k.tracepoint()));
            }
            return sim[0];
        }, limits);
        if (!model.succeeded()) {
            throw new VmmException("the model's run failed: " + model.failure());
        }
        List<TraceEvent> events = sim[0].eventLog().since(0, Integer.MAX_VALUE);
        if (!events.isEmpty() && events.get(0).seq() > 0) {
            throw new IOException("the model's event log overwrote its first " + events.get(0).seq() + " events");
        }
        return events;
    }

    /**
     * Lines up the two. A comparison needs both whole: {@code IOException} when the kernel's buffer lost events.
     */
    public static TraceComparison of(List<TraceEvent> modelEvents, KernelTrace.Capture capture) throws IOException {
        if (capture.lost() > 0) {
            throw new IOException("the kernel's trace buffer lost " + capture.lost() + " events");
        }
        List<String> m = modelEvents.stream().filter(e -> COMPARED.contains(e.kind().tracepoint()))
                .map(e -> e.kind().tracepoint() + ": " + e.text().strip()).filter(l -> !l.equals(INTERRUPTED))
                .toList();
        List<String> k = capture.lines().stream().filter(l -> COMPARED.contains(l.event()))
                .map(l -> l.event() + ": " + l.text()).filter(l -> !l.equals(INTERRUPTED)).toList();
        int first = -1;
        for (int i = 0; i < Math.max(m.size(), k.size()); i++) {
            if (i >= m.size() || i >= k.size() || !m.get(i).equals(k.get(i))) {
                first = i;
                break;
            }
        }
        return new TraceComparison(m, k, first);
    }

    public boolean identical() {
        return firstDifference < 0;
    }

    /** Compared lines per event name, on one side. */
    public static Map<String, Long> counts(List<String> lines) {
        Map<String, Long> out = new TreeMap<>();
        for (String l : lines) {
            out.merge(l.substring(0, l.indexOf(':')), 1L, Long::sum);
        }
        return out;
    }

    /** A few lines saying whether the two agree, or where they part with the lines around it. */
    public String describe() {
        if (identical()) {
            return "the model and the kernel agree on all " + model.size() + " exits, port and MMIO accesses "
                    + counts(model);
        }
        StringBuilder sb = new StringBuilder(String.format("the model and the kernel part at compared line %d "
                + "(model %d lines %s, kernel %d lines %s):%n", firstDifference + 1, model.size(), counts(model),
                kernel.size(), counts(kernel)));
        for (int i = Math.max(0, firstDifference - 2); i <= firstDifference + 2; i++) {
            String a = i < model.size() ? model.get(i) : "(end)";
            String b = i < kernel.size() ? kernel.get(i) : "(end)";
            sb.append(String.format("%s %6d  model:  %s%n         kernel: %s%n", i == firstDifference ? ">" : " ",
                    i + 1, a, b));
            if (i >= model.size() && i >= kernel.size()) {
                break;
            }
        }
        return sb.toString().stripTrailing();
    }
}
