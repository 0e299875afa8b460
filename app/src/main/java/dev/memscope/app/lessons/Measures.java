package dev.memscope.app.lessons;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.HoleHits;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.PreFaultResult;
import dev.memscope.emulator.trace.Stat;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a lesson can read from the machine at a stop, by name. Numbers: KVM stat counters under their kernel names
 * ({@code pf_taken}, {@code exits.MMIO}, {@code vmx.EPT_VIOLATION}, ...), {@code generation}, {@code memslots},
 * {@code instructions}, {@code events.TRACEPOINT} (events recorded since the guest was loaded),
 * {@code vcpu_map.memremap} / {@code vcpu_map.kmap}, {@code hole.absent_exits} / {@code hole.present_exits} (ECAM
 * accesses that reached the VMM), {@code hole.slot_kib} (KiB of the ECAM window under memslots), the newest fault's
 * {@code fault.*}, and {@code prefaults} and {@code prefault[N].*}: the VMM's KVM_PRE_FAULT_MEMORY calls. Names are
 * checked when a lesson is read ({@link #check}), values when it is played ({@link #value}).
 */
public final class Measures {
    private static final Set<String> SIM_COUNTERS = Set.of("emulated_instructions", "spte_installed",
            "spte_prefetched", "hole_kernel_reads", "ecam.discarded_writes");
    private static final Set<String> PLAIN = Set.of("generation", "memslots", "instructions", "vcpu_map.memremap",
            "vcpu_map.kmap", "hole.absent_exits", "hole.present_exits", "hole.slot_kib", "prefaults");
    /** Numeric fields of the newest fault. */
    private static final Set<String> FAULT_NUMBERS = Set.of("fault.seq", "fault.gfn", "fault.addr", "fault.slot",
            "fault.prefetch.mapped", "fault.prefetch.window", "fault.prefetch.tables");
    /** Fields of the newest fault that are words. */
    private static final Set<String> FAULT_WORDS = Set.of("fault.result", "fault.pfn", "fault.prefetch.reason",
            "fault.prefetch.policy", "fault.prefetch.exhaust", "fault.phases");
    private static final Pattern PREFAULT = Pattern.compile("prefault\\[(\\d+)]\\.(ret|size|left|done|gpa)");
    private static final Set<String> TRACEPOINTS = Arrays.stream(EventKind.values()).map(EventKind::tracepoint)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> STATS = Arrays.stream(Stat.values()).map(Stat::kernelName)
            .collect(Collectors.toUnmodifiableSet());

    private Measures() {
    }

    /** Null when {@code name} names something the machine can measure, else why not. */
    public static String check(String name) {
        if (STATS.contains(name) || SIM_COUNTERS.contains(name) || PLAIN.contains(name)
                || FAULT_NUMBERS.contains(name) || FAULT_WORDS.contains(name)
                || name.matches("exits\\.[A-Z_]+|vmx\\.[A-Z_]+") || PREFAULT.matcher(name).matches()) {
            return null;
        }
        if (name.startsWith("events.")) {
            return TRACEPOINTS.contains(name.substring(7)) ? null : "no tracepoint named '" + name.substring(7)
                    + "'";
        }
        return "unknown measure '" + name + "' (a KVM stat such as pf_taken or exits.MMIO, generation, memslots, "
                + "instructions, events.TRACEPOINT, vcpu_map.memremap, hole.absent_exits, fault.*, prefault[N].*)";
    }

    /** Whether the measure is a number (so a question can ask for it and {@code +name} can give its growth). */
    public static boolean isNumber(String name) {
        return check(name) == null && !FAULT_WORDS.contains(name) && !name.matches("prefault\\[\\d+]\\.ret");
    }

    /** The number the machine shows for {@code name} at this stop. */
    public static long value(StopState at, String name) throws LessonRunException {
        Object v = read(at, name);
        if (v instanceof Long n) {
            return n;
        }
        throw new LessonRunException("'" + name + "' is not a number (it reads " + v + ")");
    }

    /** The measure as text for an explanation: numbers with thousands separators, addresses in hex. */
    public static String text(StopState at, String name) throws LessonRunException {
        Object v = read(at, name);
        if (v instanceof Long n && (name.equals("fault.gfn") || name.equals("fault.addr")
                || name.endsWith(".gpa") || name.equals("generation") && n < 0)) {
            return "0x" + Long.toHexString(n);
        }
        return v instanceof Long n ? String.format("%,d", n) : v.toString();
    }

    private static Object read(StopState at, String name) throws LessonRunException {
        String bad = check(name);
        if (bad != null) {
            throw new LessonRunException(bad);
        }
        MachineSnapshot s = at.snapshot();
        if (name.startsWith("fault.")) {
            return fault(s, name);
        }
        Matcher m = PREFAULT.matcher(name);
        if (m.matches()) {
            return preFault(at.preFaults(), Integer.parseInt(m.group(1)), m.group(2));
        }
        if (name.startsWith("events.") || name.startsWith("vcpu_map.")) {
            if (at.eventsLost()) {
                throw new LessonRunException("the event log overwrote events before the lesson read them, so '"
                        + name + "' cannot be counted");
            }
            return at.eventCounts().getOrDefault(name, 0L);
        }
        return switch (name) {
            case "generation" -> s.memslotGeneration();
            case "memslots" -> (long) s.memslots().size();
            case "instructions" -> s.instructions();
            case "hole.absent_exits" -> holeExits(s.holeHits(), false);
            case "hole.present_exits" -> holeExits(s.holeHits(), true);
            case "hole.slot_kib" -> ecamSlotKib(s);
            case "prefaults" -> (long) at.preFaults().size();
            default -> s.counter(name);
        };
    }

    /** KiB of the ECAM window that memslots cover (for readonly-page: the 0xff pages the VMM had to allocate). */
    private static long ecamSlotKib(MachineSnapshot s) {
        if (s.setup() == null) {
            return 0;
        }
        long base = s.setup().ecamBase();
        long end = base + ((long) s.setup().ecamBuses() << 20);
        long bytes = 0;
        for (var m : s.memslots()) {
            long a = Math.max(m.gpaStart(), base);
            long b = Math.min(m.gpaEnd(), end);
            if (m.asId() == 0 && b > a) {
                bytes += b - a;
            }
        }
        return bytes >> 10;
    }

    private static long holeExits(List<HoleHits> hits, boolean present) {
        return hits.stream().filter(h -> h.present() == present).mapToLong(h -> h.userspaceReads() + h.writes())
                .sum();
    }

    private static Object fault(MachineSnapshot s, String name) throws LessonRunException {
        FaultRecord f = s.currentFault() != null ? s.currentFault()
                : s.recentFaults().isEmpty() ? null : s.recentFaults().get(s.recentFaults().size() - 1);
        if (f == null) {
            throw new LessonRunException("'" + name + "': the machine has taken no page fault yet");
        }
        var p = f.prefetchDecision();
        if (name.startsWith("fault.prefetch.") && p == null) {
            throw new LessonRunException("'" + name + "': fault #" + f.seq() + " has no prefetch decision (it ended "
                    + "before its prefetch phase)");
        }
        return switch (name) {
            case "fault.seq" -> f.seq();
            case "fault.gfn" -> f.gfn();
            case "fault.addr" -> f.addr();
            case "fault.slot" -> (long) f.slotId();
            case "fault.result" -> f.result() == null ? "in progress" : f.result().kernelName();
            case "fault.pfn" -> f.pfnState();
            case "fault.phases" -> f.phases().stream().map(x -> x.label()).collect(Collectors.joining(", "));
            case "fault.prefetch.mapped" -> (long) p.mapped();
            case "fault.prefetch.window" -> (long) p.windowPages();
            case "fault.prefetch.tables" -> (long) p.tablesAllocated();
            case "fault.prefetch.reason" -> p.reason().name();
            case "fault.prefetch.policy" -> p.policy().name();
            case "fault.prefetch.exhaust" -> p.mayExhaustCache() ? "yes" : "no";
            default -> throw new LessonRunException("unknown fault field '" + name + "'");
        };
    }

    /** The Nth KVM_PRE_FAULT_MEMORY call (1-based): the struct before and after, and what the ioctl returned. */
    private static Object preFault(List<PreFaultResult> calls, int n, String field) throws LessonRunException {
        if (n < 1 || n > calls.size()) {
            throw new LessonRunException("prefault[" + n + "]: the VMM made " + calls.size()
                    + " KVM_PRE_FAULT_MEMORY calls");
        }
        PreFaultResult c = calls.get(n - 1);
        return switch (field) {
            case "gpa" -> c.gpaBefore();
            case "size" -> c.sizeBefore();
            case "ret" -> c.ret() == 0 ? "0" : "-" + dev.memscope.emulator.backend.Errno.name(c.ret());
            case "left" -> c.sizeAfter();
            case "done" -> c.sizeBefore() - c.sizeAfter();
            default -> throw new LessonRunException("unknown pre-fault field '" + field + "'");
        };
    }
}
