package dev.memscope.views.panekit;

import dev.memscope.emulator.api.CpuState;
import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.HugepageDecision;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.PrefetchDecision.Policy;
import dev.memscope.emulator.api.PrefetchDecision.Reason;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.SpteTableNode;
import dev.memscope.emulator.api.SpteTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pci-scan guest under {@code allones}, as the model produces it: 64 MiB of RAM at gpa 0 (slot 0), the ECAM window
 * at 0xb0000000 with the q35 topology's absent functions in seven ALLONES slots (flag bit 8, userspace_addr 0), the
 * TDP MMU (EPT format, roles from {@code MmuPageRole.make}), host RAM pfns from 0x100000 in first-touch order, the
 * shared 0xff page at pfn 0xffff0, sps from pfn 1 << 39. The scan has probed 00:00.0, 00:01.0, 00:02.0 (present:
 * MMIO sptes, then RSVD faults that the MMIO check serves), 00:03.0 and 00:04.0 (absent: read-only leaves on the
 * 0xff page), and is stopped in the fault on 00:05.0 (gpa 0xb0028000) right after its MAP phase.
 */
public final class PciScanFixture {
    public static final long ECAM = 0xB0000000L;
    public static final long TABLE_BASE = 1L << 39;
    public static final long ALLONES_PAGE = 0xFFFF0L;
    public static final long RAM_HVA = 0x7f3a40000000L;
    public static final int ALLONES_FLAG = 1 << 8;
    public static final long GENERATION = 16;
    /** {@code KVM_PFN_NOSLOT} and {@code KVM_PFN_ERR_FAULT}. */
    public static final long PFN_NOSLOT = 1L << 63;
    public static final long PFN_ERR_FAULT = 0x7FFL << 52;
    /** Error codes as {@code __vmx_handle_ept_violation} builds them: reads set USER; GUEST_FINAL / GUEST_PAGE. */
    public static final long ERR_READ = 1L << 2 | 1L << 32;
    public static final long ERR_WRITE = 1L << 1 | 1L << 32;
    public static final long ERR_FETCH = 1L << 4 | 1L << 32;
    public static final long ERR_WALK = 1L << 1 | 1L << 2 | 1L << 33;
    public static final long ERR_RSVD = 1L << 3;

    private PciScanFixture() {
    }

    // ---- SPTEs, built with the model's formulas (make_spte, make_nonleaf_spte, make_mmio_spte) -------------------

    /** {@code MmuPageRole.make(level, direct, ACC_ALL, efer_nx, cr0_wp, as 0)}. */
    public static int role(int level) {
        return level | 1 << 7 | 7 << 8 | 1 << 12 | 1 << 13;
    }

    public static long nonleaf(long childPfn) {
        return childPfn << 12 | 0x907L; // R W X(=user) A MMU-present
    }

    /** A RAM leaf from a fault: R W X, A, D, WB+IPAT, host- and MMU-writable. */
    public static long ramLeaf(long pfn) {
        return pfn << 12 | 0xB77L | 1L << 57 | 1L << 58;
    }

    /** An ALLONES leaf: the shared 0xff page, read-only (no host-writable), A set, WB+IPAT. */
    public static long allonesLeaf() {
        return ALLONES_PAGE << 12 | 0x975L;
    }

    /** An ALLONES leaf installed by a prefetch loop: as {@link #allonesLeaf} without A. */
    public static long allonesPrefetchedLeaf() {
        return ALLONES_PAGE << 12 | 0x875L;
    }

    /** A prefetched RAM leaf: as {@link #ramLeaf} without A (make_spte with prefetch: D still set, as W is). */
    public static long prefetchedRamLeaf(long pfn) {
        return pfn << 12 | 0xA77L | 1L << 57 | 1L << 58;
    }

    public static long mmioSpte(long gfn, long generation) {
        return (generation & 0xFF) << 3 | (generation >>> 8 & 0x7FF) << 52 | 6L | gfn << 12;
    }

    // ---- the stop ----------------------------------------------------------------------------------------------

    public static List<MemslotInfo> memslots() {
        List<MemslotInfo> out = new ArrayList<>();
        out.add(new MemslotInfo(0, 0, 0, 16384, 0, RAM_HVA, 2, 0));
        long[][] runs = {{0xB0001, 7}, {0xB0009, 7}, {0xB0011, 0xCF}, {0xB00E1, 23}, {0xB00F9, 1}, {0xB00FC, 4},
            {0xB0101, 0xFEFF}};
        for (int i = 0; i < runs.length; i++) {
            out.add(new MemslotInfo(0, i + 1, runs[i][0], runs[i][1], ALLONES_FLAG, 0, 4 + 2L * i, 0));
        }
        return out;
    }

    public static MachineSnapshot.Setup setup(MmuMode mmu) {
        return new MachineSnapshot.Setup("pci-scan", "5be0f1c3a9d2", "sim",
                "Java emulator + KVM model, " + mmu.summary(), HoleVariant.ALLONES, mmu, Policy.KERNEL_WINDOW.name(),
                64L << 20, ECAM, 256);
    }

    public static CpuState cpu() {
        long[] gpr = new long[16];
        gpr[0] = 0xffffffffL;
        gpr[3] = 5; // device
        gpr[4] = 0x3fffe98;
        gpr[6] = 0xB0028000L;
        gpr[7] = 0x2000;
        return new CpuState(gpr, 0x100047, 0x246, 0x80010011L, 0, 0x10000, 0x20, 0xD00, 0, 0x8, 0x10);
    }

    public static Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("pf_taken", 17L);
        c.put("pf_fixed", 10L);
        c.put("pf_emulate", 6L);
        c.put("pf_mmio_spte_created", 3L);
        c.put("mmio_exits", 6L);
        c.put("exits.MMIO", 6L);
        return c;
    }

    /** The stop in the fault on 00:05.0, after MAP, under the TDP MMU. */
    public static MachineSnapshot snapshot(long version) {
        return snapshot(version, RunState.STOPPED, true);
    }

    public static MachineSnapshot snapshot(long version, RunState state, boolean kernelInternals) {
        return new MachineSnapshot(version, state, state == RunState.STOPPED ? "fault phase: map" : "",
                setup(MmuMode.TDP), cpu(), 1_874, 0, "", counters(), memslots(), GENERATION, currentFault(),
                recentFaults(), List.of(), null, 412, 95_400, 12_000_000, List.of(), kernelInternals);
    }

    /** The same stop as seen from real KVM: no kernel internals, no faults. */
    public static MachineSnapshot realKvmSnapshot(long version) {
        return new MachineSnapshot(version, RunState.STOPPED, "exit to userspace", new MachineSnapshot.Setup(
                "pci-scan", "5be0f1c3a9d2", "kvm", "/dev/kvm (kvm_pvm, shadow paging)", HoleVariant.READONLY_PAGE,
                MmuMode.TDP, "", 64L << 20, ECAM, 256), cpu(), -1, 0, "", Map.of(), memslots(), GENERATION, null,
                List.of(), List.of(), null, 0, 0, 9_000_000, List.of("ALLONES is not supported by this kernel"),
                false);
    }

    // ---- faults --------------------------------------------------------------------------------------------------

    /** The phases a fault ran, as the model records them: DONE is where it stops, not a phase it runs. */
    private static final List<FaultPhase> FULL = List.of(FaultPhase.DECODE, FaultPhase.PAGE_TRACK,
            FaultPhase.FAST_PAGE_FAULT, FaultPhase.FAULTIN_PFN, FaultPhase.HUGEPAGE_ADJUST, FaultPhase.MAP,
            FaultPhase.PREFETCH);

    private static PrefetchDecision tdpNone(long gfn) {
        return Decisions.prefetch(Policy.KERNEL_WINDOW, Reason.TDP_MMU, gfn, gfn, 0, 0, -1);
    }

    /** A RAM fault mapped at 4K (the host backs RAM with 4K pages). */
    public static FaultRecord ramFault(long seq, long gpa, long err, long pfn) {
        long gfn = gpa >>> 12;
        return new FaultRecord(seq, 0, "tdp", gpa, err, false, 0, (err & 16) != 0, (err & 2) != 0, false, false,
                (err & 4) != 0, true, 3, 1, 1, gpa, gfn, 0, 0, pfn, "host", RAM_HVA + (gfn << 12), true, 0,
                ramLeaf(pfn), new HugepageDecision(3, 1, 1, HugepageDecision.Reason.HOST_MAPPING_LEVEL),
                tdpNone(gfn), RetPf.FIXED, FULL);
    }

    /** The first read of a present function: no slot, an MMIO spte is cached, EMULATE. */
    public static FaultRecord noslotFault(long seq, long gpa) {
        long gfn = gpa >>> 12;
        return new FaultRecord(seq, 0, "tdp", gpa, ERR_READ, false, 0, false, false, false, false, true, true, 3, 1,
                1, gpa, gfn, -1, 0, PFN_NOSLOT, "noslot", 0, false, 0, mmioSpte(gfn, GENERATION),
                new HugepageDecision(3, 1, 1, HugepageDecision.Reason.ERROR_OR_NOSLOT_PFN), tdpNone(gfn),
                RetPf.EMULATE, FULL);
    }

    /** A later access to a present function: EPT misconfiguration, RSVD, the MMIO check serves it. */
    public static FaultRecord mmioCheckFault(long seq, long gpa) {
        long gfn = gpa >>> 12;
        return new FaultRecord(seq, 0, "tdp", gpa, ERR_RSVD, false, 0, false, false, false, true, false, true, 3, 1,
                1, gpa, gfn, -1, 0, PFN_ERR_FAULT, "err_fault", 0, false, 0, 0, null, null, RetPf.EMULATE,
                List.of(FaultPhase.DECODE, FaultPhase.MMIO_CHECK));
    }

    /** A read of an absent function: the ALLONES slot maps the shared 0xff page read-only at 4K. */
    public static FaultRecord allonesFault(long seq, long gpa, int slotId) {
        long gfn = gpa >>> 12;
        return new FaultRecord(seq, 0, "tdp", gpa, ERR_READ, false, 0, false, false, false, false, true, true, 3, 1,
                1, gpa, gfn, slotId, ALLONES_FLAG, ALLONES_PAGE, "allones_page", 0, false, 0, allonesLeaf(),
                new HugepageDecision(3, 1, 1, HugepageDecision.Reason.DISALLOW_LPAGE), tdpNone(gfn), RetPf.FIXED,
                FULL);
    }

    /** Faults 0 to 15, oldest first. */
    public static List<FaultRecord> recentFaults() {
        List<FaultRecord> out = new ArrayList<>();
        out.add(ramFault(0, 0x10000, ERR_WALK, 0x100002));
        out.add(ramFault(1, 0x11000, ERR_WALK, 0x100003));
        out.add(ramFault(2, 0x12000, ERR_WALK, 0x100004));
        out.add(ramFault(3, 0x100000, ERR_FETCH, 0x100006));
        out.add(ramFault(4, 0x3fff000, ERR_WRITE, 0x100009));
        out.add(ramFault(5, 0x2000, ERR_READ, 0x100001));
        out.add(ramFault(6, 0x101000, ERR_READ, 0x100007));
        out.add(ramFault(7, 0x13000, ERR_WALK, 0x100005));
        out.add(noslotFault(8, ECAM));
        out.add(mmioCheckFault(9, ECAM + 0xE));
        out.add(noslotFault(10, ECAM + 0x8000));
        out.add(mmioCheckFault(11, ECAM + 0x800E));
        out.add(noslotFault(12, ECAM + 0x10000));
        out.add(mmioCheckFault(13, ECAM + 0x1000E));
        out.add(allonesFault(14, ECAM + 0x18000, 3));
        out.add(allonesFault(15, ECAM + 0x20000, 3));
        return out;
    }

    /** Fault 16 on 00:05.0, stopped after MAP: the leaf is written, prefetch and the result are still to come. */
    public static FaultRecord currentFault() {
        long gpa = ECAM + 0x28000;
        return new FaultRecord(16, 0, "tdp", gpa, ERR_READ, false, 0, false, false, false, false, true, true, 3, 1,
                1, gpa, gpa >>> 12, 3, ALLONES_FLAG, ALLONES_PAGE, "allones_page", 0, false, 0, allonesLeaf(),
                new HugepageDecision(3, 1, 1, HugepageDecision.Reason.DISALLOW_LPAGE), null, null,
                List.of(FaultPhase.DECODE, FaultPhase.PAGE_TRACK, FaultPhase.FAST_PAGE_FAULT, FaultPhase.FAULTIN_PFN,
                        FaultPhase.HUGEPAGE_ADJUST, FaultPhase.MAP));
    }

    // ---- the SPTE tree ---------------------------------------------------------------------------------------------

    /** The TDP tree after MAP of fault 16 ({@code afterMap}) or before it (the previous stop). */
    public static SpteTree spteTree(boolean afterMap) {
        long[] root = new long[512];
        long[] l3 = new long[512];
        long[] l2ram = new long[512];
        long[] l1low = new long[512];
        long[] l1stack = new long[512];
        long[] l2ecam = new long[512];
        long[] l1ecam = new long[512];
        root[0] = nonleaf(TABLE_BASE + 1);
        l3[0] = nonleaf(TABLE_BASE + 2);
        l2ram[0] = nonleaf(TABLE_BASE + 3);
        l2ram[31] = nonleaf(TABLE_BASE + 4);
        l1low[0x2] = ramLeaf(0x100001);
        l1low[0x10] = ramLeaf(0x100002);
        l1low[0x11] = ramLeaf(0x100003);
        l1low[0x12] = ramLeaf(0x100004);
        l1low[0x13] = ramLeaf(0x100005);
        l1low[0x100] = ramLeaf(0x100006);
        l1low[0x101] = ramLeaf(0x100007);
        l1stack[0x1ff] = ramLeaf(0x100009);
        l3[2] = nonleaf(TABLE_BASE + 5);
        l2ecam[384] = nonleaf(TABLE_BASE + 6);
        l1ecam[0x00] = mmioSpte(0xB0000, GENERATION);
        l1ecam[0x08] = mmioSpte(0xB0008, GENERATION);
        l1ecam[0x10] = mmioSpte(0xB0010, GENERATION);
        l1ecam[0x18] = allonesLeaf();
        l1ecam[0x20] = allonesLeaf();
        if (afterMap) {
            l1ecam[0x28] = allonesLeaf();
        }
        List<SpteTableNode> tables = List.of(
                new SpteTableNode(TABLE_BASE, 0, role(4), 4, 0, true, 0, root),
                new SpteTableNode(TABLE_BASE + 1, 0, role(3), 3, 0, true, 0, l3),
                new SpteTableNode(TABLE_BASE + 2, 0, role(2), 2, 0, true, 0, l2ram),
                new SpteTableNode(TABLE_BASE + 3, 0, role(1), 1, 0, true, 0, l1low),
                new SpteTableNode(TABLE_BASE + 4, 0x3E00, role(1), 1, 0, true, 0x3E00000L, l1stack),
                new SpteTableNode(TABLE_BASE + 5, 0x80000, role(2), 2, 0, true, 0x80000000L, l2ecam),
                new SpteTableNode(TABLE_BASE + 6, 0xB0000, role(1), 1, 0, true, ECAM, l1ecam));
        return new SpteTree(MmuMode.TDP, true, TABLE_BASE, tables);
    }
}
