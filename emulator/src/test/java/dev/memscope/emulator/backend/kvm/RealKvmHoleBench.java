package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.AbiGuestRunner;
import dev.memscope.emulator.backend.GuestCode;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.Ring3;
import dev.memscope.emulator.backend.TinyElf;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;

/**
 * Cost of a hole access on this machine's /dev/kvm (a benchmark, not a test; results go to docs/perf.md). The guest
 * reads one dword from each of {@link #PAGES} pages (four instructions per page) between two MMIO writes to
 * {@link #MARK} that bracket the timed section (MMIO, not a port: kvm_pvm gives ring 3 no IOPL); each pass runs in a fresh VM, so a first access is a first access. Kinds:
 * <ul>
 * <li>{@code ram-first}: RAM never touched before (host pages allocated on the way);</li>
 * <li>{@code ram-warm}: the same RAM pages read a second time: the loop itself;</li>
 * <li>{@code mmio-exit}: the ECAM window with no memslot: every read exits to this JVM, which answers all ones;</li>
 * <li>{@code readonly-ff-first}: a READONLY slot over FILLED_FF memory, first touch of each page;</li>
 * <li>{@code readonly-ff-warm}: the same pages read a second time;</li>
 * <li>{@code single-page-ff-first}: a READONLY slot over SINGLE_PAGE_FF memory, first touch.</li>
 * </ul>
 * Each kind runs in ring 0 (the guest ABI's mode) and in ring 3: kvm_pvm emulates every ring-0 instruction (the
 * kernel's {@code insn_emulation} counter grows by one per instruction) and runs ring-3 code natively, so only ring 3
 * goes through the shadow-paging fault path there. Alongside the times, the kernel's counters for the timed section
 * ({@link KvmBackend#stats()}) show which path each pass took.
 * <p>Run: {@code java -cp <test classpath> dev.memscope.emulator.backend.kvm.RealKvmHoleBench [passes]}
 */
public final class RealKvmHoleBench {
    static final int PAGES = 4096;
    private static final long ECAM = MemoryMap.DEFAULT_ECAM_BASE;
    private static final long RAM_DATA = 16L << 20;
    private static final long USER_STACK = 8L << 20;
    /** Unslotted, far from the pages read: a write here is a marker, not a hole access. */
    static final long MARK = ECAM + (200L << 20);
    private static final long SLOT_BYTES = (long) PAGES * 4096;
    private static final String[] COUNTERS = {"insn_emulation", "pf_taken", "pf_fixed", "pf_emulate",
        "pf_mmio_spte_created", "mmio_exits"};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Per page of the timed section: wall-clock and vCPU-thread CPU nanoseconds, and counter deltas. */
    record PerPage(double wallNanos, double cpuNanos, Map<String, Long> counters) {
    }

    private RealKvmHoleBench() {
    }

    static byte[] program(String kind, boolean ring3) {
        long target = kind.startsWith("ram") ? RAM_DATA : ECAM;
        GuestCode body = new GuestCode();
        if (kind.endsWith("warm")) {
            body.readEachPage(target, PAGES);
        }
        mark(body).readEachPage(target, PAGES);
        mark(body);
        GuestCode entry = new GuestCode();
        if (ring3) {
            long userRip = GuestAbi.IMAGE_MIN_GPA + entry.size() + Ring3.ENTER_BYTES;
            Ring3.enter(entry, userRip, USER_STACK);
        }
        return entry.raw(body.bytes()).bytes();
    }

    private static GuestCode mark(GuestCode code) {
        return code.movRbx(MARK).movMemRbxEax();
    }

    static PerPage pass(String kind, boolean ring3) throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            AbiGuestRunner vm = AbiGuestRunner.load(kvm, TinyElf.image(GuestAbi.IMAGE_MIN_GPA, program(kind, ring3)),
                    MemoryMap.defaults());
            if (ring3) {
                Ring3.allow(kvm, vm.ramHva());
            }
            if (kind.startsWith("readonly") || kind.startsWith("single")) {
                long hva = kvm.mmap(SLOT_BYTES, kind.startsWith("single") ? MemoryBacking.SINGLE_PAGE_FF
                        : MemoryBacking.FILLED_FF);
                if (kvm.setUserMemoryRegion(1, MemFlags.READONLY, ECAM, SLOT_BYTES, hva) != 0) {
                    throw new IllegalStateException("the READONLY slot was refused");
                }
            }
            long wall = 0;
            long cpu = 0;
            Map<String, Long> before = null;
            int exits = 0;
            for (;;) {
                KvmRun run = kvm.runFor(RunTimeLimit.NONE);
                boolean mark = run.exitReason == KvmExitReason.MMIO && run.mmioIsWrite && run.mmioPhysAddr == MARK;
                if (run.exitReason == KvmExitReason.MMIO && !mark) {
                    exits++;
                    run.setMmioValue(-1L);
                } else if (mark && before == null) {
                    before = kvm.stats();
                    wall = System.nanoTime();
                    cpu = THREADS.getCurrentThreadCpuTime();
                } else if (mark) {
                    wall = System.nanoTime() - wall;
                    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                    Map<String, Long> after = kvm.stats();
                    Map<String, Long> delta = new java.util.LinkedHashMap<>();
                    for (String c : COUNTERS) {
                        delta.put(c, after.getOrDefault(c, 0L) - before.getOrDefault(c, 0L));
                    }
                    delta.put("mmio_exits", delta.get("mmio_exits") - 1); // the closing marker
                    int expected = kind.equals("mmio-exit") ? PAGES : 0;
                    if (exits != expected) {
                        throw new IllegalStateException(kind + ": " + exits + " MMIO exits, expected " + expected);
                    }
                    return new PerPage((double) wall / PAGES, (double) cpu / PAGES, delta);
                } else {
                    throw new IllegalStateException(kind + (ring3 ? " (ring 3)" : "") + ": "
                            + KvmExitReason.name(run.exitReason) + " " + run.detail);
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        KvmAvailability a = KvmAvailability.probe();
        if (!a.usable()) {
            System.out.println("real KVM not usable: " + a.reason());
            return;
        }
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        String[] kinds = {"ram-first", "ram-warm", "mmio-exit", "readonly-ff-first", "readonly-ff-warm",
            "single-page-ff-first"};
        try (KvmBackend kvm = KvmBackend.open()) {
            System.out.println(kvm.describe());
        }
        System.out.printf("%d pages per pass, %d passes per row, a fresh VM per pass. us per page: wall-clock "
                + "median [min..max], CPU time of the vCPU thread median [min..max]; kernel counters per page%n",
                PAGES, passes);
        for (boolean ring3 : new boolean[] {false, true}) {
            for (String kind : kinds) {
                pass(kind, ring3); // warm-up: JIT, page cache
                double[] wall = new double[passes];
                double[] cpu = new double[passes];
                Map<String, Long> counters = null;
                for (int i = 0; i < passes; i++) {
                    PerPage p = pass(kind, ring3);
                    wall[i] = p.wallNanos() / 1000;
                    cpu[i] = p.cpuNanos() / 1000;
                    counters = p.counters();
                }
                Arrays.sort(wall);
                Arrays.sort(cpu);
                StringBuilder c = new StringBuilder();
                counters.forEach((name, v) -> c.append(String.format(" %s %.2f", name, (double) v / PAGES)));
                System.out.printf("ring %d %-21s wall %6.2f [%6.2f..%6.2f]  cpu %6.2f [%6.2f..%6.2f] %s%n",
                        ring3 ? 3 : 0, kind, wall[passes / 2], wall[0], wall[passes - 1], cpu[passes / 2], cpu[0],
                        cpu[passes - 1], c);
            }
        }
    }
}
