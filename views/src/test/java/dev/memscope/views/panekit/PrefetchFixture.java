package dev.memscope.views.panekit;

import static dev.memscope.views.panekit.PciScanFixture.ALLONES_FLAG;
import static dev.memscope.views.panekit.PciScanFixture.ALLONES_PAGE;
import static dev.memscope.views.panekit.PciScanFixture.ECAM;
import static dev.memscope.views.panekit.PciScanFixture.ERR_FETCH;
import static dev.memscope.views.panekit.PciScanFixture.ERR_READ;
import static dev.memscope.views.panekit.PciScanFixture.ERR_RSVD;
import static dev.memscope.views.panekit.PciScanFixture.GENERATION;
import static dev.memscope.views.panekit.PciScanFixture.PFN_ERR_FAULT;
import static dev.memscope.views.panekit.PciScanFixture.PFN_NOSLOT;
import static dev.memscope.views.panekit.PciScanFixture.RAM_HVA;
import static dev.memscope.views.panekit.PciScanFixture.TABLE_BASE;

import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.HugepageDecision;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.PrefetchDecision.Policy;
import dev.memscope.emulator.api.PrefetchDecision.Reason;
import dev.memscope.emulator.api.PrefetchWindow;
import dev.memscope.emulator.api.PrefetchWindow.Candidate;
import dev.memscope.emulator.api.PrefetchWindow.Outcome;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.api.RunState;
import java.util.ArrayList;
import java.util.List;

/**
 * pci-scan under {@code allones} on the legacy direct MMU ({@code --mmu direct}), where {@code __direct_pte_prefetch}
 * walks the 8-entry window, which at 4K is exactly one ECAM device's 8 functions. The scan is in the multi-function
 * device 00:1f: 00:1f.0 (present, no slot: an MMIO spte) and 00:1f.1 (absent: ALLONES slot 5) have faulted; it is
 * stopped in the fault on 00:1f.2 after DECODE. The windows are what the model's Prefetch.directWindow decides.
 */
public final class PrefetchFixture {
    private PrefetchFixture() {
    }

    private static final List<FaultPhase> FULL = List.of(FaultPhase.DECODE, FaultPhase.PAGE_TRACK,
            FaultPhase.FAST_PAGE_FAULT, FaultPhase.FAULTIN_PFN, FaultPhase.HUGEPAGE_ADJUST, FaultPhase.MAP,
            FaultPhase.PREFETCH);

    private static PrefetchDecision window(Reason reason, long gfn, long start, int mapped, long stop) {
        return Decisions.prefetch(Policy.KERNEL_WINDOW, reason, gfn, start, 8, mapped, stop);
    }

    static FaultRecord noslot(long seq, long gpa, PrefetchDecision d) {
        long gfn = gpa >>> 12;
        return new FaultRecord(seq, 0, "direct", gpa, ERR_READ, false, 0, false, false, false, false, true, true, 3,
                1, 1, gpa, gfn, -1, 0, PFN_NOSLOT, "noslot", 0, false, 0, PciScanFixture.mmioSpte(gfn, GENERATION),
                new HugepageDecision(3, 1, 1, HugepageDecision.Reason.ERROR_OR_NOSLOT_PFN), d, RetPf.EMULATE, FULL);
    }

    static FaultRecord allones(long seq, long gpa, int slot, PrefetchDecision d) {
        long gfn = gpa >>> 12;
        return new FaultRecord(seq, 0, "direct", gpa, ERR_READ, false, 0, false, false, false, false, true, true, 3,
                1, 1, gpa, gfn, slot, ALLONES_FLAG, ALLONES_PAGE, "allones_page", 0, false, 0,
                PciScanFixture.allonesLeaf(), new HugepageDecision(3, 1, 1, HugepageDecision.Reason.DISALLOW_LPAGE),
                d, RetPf.FIXED, FULL);
    }

    /** #3: the entry fetch at 0x100000; the window maps the two image pages the VMM wrote, the rest are absent. */
    public static FaultRecord ramFetch() {
        long gpa = 0x100000;
        return new FaultRecord(3, 0, "direct", gpa, ERR_FETCH, false, 0, true, false, false, false, false, true, 3, 1,
                1, gpa, 0x100, 0, 0, 0x100006, "host", RAM_HVA + gpa, true, 0, PciScanFixture.ramLeaf(0x100006),
                new HugepageDecision(3, 1, 1, HugepageDecision.Reason.HOST_MAPPING_LEVEL),
                window(Reason.DONE, 0x100, 0x100, 2, -1), RetPf.FIXED, FULL);
    }

    public static List<FaultRecord> recentFaults() {
        List<FaultRecord> out = new ArrayList<>();
        out.add(ramFetch());
        out.add(noslot(38, ECAM + 0xE0000, window(Reason.ABORTED_RUN, 0xB00E0, 0xB00E0, 0, 0xB00E1)));
        out.add(new FaultRecord(39, 0, "direct", ECAM + 0xE000E, ERR_RSVD, false, 0, false, false, false, true,
                false, true, 3, 1, 1, ECAM + 0xE000E, 0xB00E0, -1, 0, PFN_ERR_FAULT, "err_fault", 0, false, 0, 0,
                null, null, RetPf.EMULATE, List.of(FaultPhase.DECODE, FaultPhase.MMIO_CHECK)));
        out.add(noslot(40, ECAM + 0xF8000, window(Reason.ABORTED_RUN, 0xB00F8, 0xB00F8, 0, 0xB00F9)));
        out.add(allones(41, ECAM + 0xF9000, 5, window(Reason.ABORTED_RUN, 0xB00F9, 0xB00F8, 0, 0xB00F8)));
        return out;
    }

    /** #42 on 00:1f.2, stopped after DECODE. */
    public static FaultRecord currentFault() {
        long gpa = ECAM + 0xFA000;
        return new FaultRecord(42, 0, "direct", gpa, ERR_READ, false, 0, false, false, false, false, true, true, 3, 1,
                1, gpa, gpa >>> 12, -1, 0, PFN_ERR_FAULT, "err_fault", 0, false, 0, 0, null, null, null,
                List.of(FaultPhase.DECODE));
    }

    public static MachineSnapshot snapshot(long version) {
        return new MachineSnapshot(version, RunState.STOPPED, "fault phase: decode",
                PciScanFixture.setup(MmuMode.DIRECT), PciScanFixture.cpu(), 4_210, 0, "", PciScanFixture.counters(),
                PciScanFixture.memslots(), GENERATION, currentFault(), recentFaults(), List.of(), null, 980, 210_000,
                30_000_000, List.of(), true);
    }

    private static Candidate one(long gfn, Outcome o, int slot, long spte) {
        return new Candidate(gfn, 1, o, slot, spte);
    }

    /** #41 (00:1f.1): the run at 00:1f.0 has no slot and fails first, so nothing after it is tried. */
    public static PrefetchWindow window41() {
        return new PrefetchWindow(41, 0xB00F9, Policy.KERNEL_WINDOW, Reason.ABORTED_RUN, MmuMode.DIRECT, 1,
                TABLE_BASE + 6, 249, 0xB00F8, 8, List.of(
                        one(0xB00F8, Outcome.NO_SLOT, -1, PciScanFixture.mmioSpte(0xB00F8, GENERATION)),
                        one(0xB00F9, Outcome.FAULTING_ENTRY, 5, PciScanFixture.allonesLeaf()),
                        one(0xB00FA, Outcome.ABORTED_EARLIER_RUN, -1, 0),
                        one(0xB00FB, Outcome.ABORTED_EARLIER_RUN, -1, 0),
                        one(0xB00FC, Outcome.ABORTED_EARLIER_RUN, 6, 0),
                        one(0xB00FD, Outcome.ABORTED_EARLIER_RUN, 6, 0),
                        one(0xB00FE, Outcome.ABORTED_EARLIER_RUN, 6, 0),
                        one(0xB00FF, Outcome.ABORTED_EARLIER_RUN, 6, 0)), 0, 0xB00F8, 0, false);
    }

    /** #40 (00:1f.0): one run of seven from 00:1f.1; its first gfn is in an ALLONES slot, so the whole run fails. */
    public static PrefetchWindow window40() {
        return new PrefetchWindow(40, 0xB00F8, Policy.KERNEL_WINDOW, Reason.ABORTED_RUN, MmuMode.DIRECT, 1,
                TABLE_BASE + 6, 248, 0xB00F8, 8, List.of(
                        one(0xB00F8, Outcome.FAULTING_ENTRY, -1, PciScanFixture.mmioSpte(0xB00F8, GENERATION)),
                        one(0xB00F9, Outcome.HOLE_SLOT, 5, 0),
                        one(0xB00FA, Outcome.IN_FAILED_RUN, -1, 0),
                        one(0xB00FB, Outcome.IN_FAILED_RUN, -1, 0),
                        one(0xB00FC, Outcome.IN_FAILED_RUN, 6, 0),
                        one(0xB00FD, Outcome.IN_FAILED_RUN, 6, 0),
                        one(0xB00FE, Outcome.IN_FAILED_RUN, 6, 0),
                        one(0xB00FF, Outcome.IN_FAILED_RUN, 6, 0)), 0, 0xB00F9, 0, false);
    }

    /** #3: two image pages prefetched, then get_user_pages_fast_only stops at the first absent host page. */
    public static PrefetchWindow window3() {
        return new PrefetchWindow(3, 0x100, Policy.KERNEL_WINDOW, Reason.DONE, MmuMode.DIRECT, 1, TABLE_BASE + 3,
                0x100, 0x100, 8, List.of(
                        one(0x100, Outcome.FAULTING_ENTRY, 0, PciScanFixture.ramLeaf(0x100006)),
                        one(0x101, Outcome.PREFETCHED, 0, PciScanFixture.prefetchedRamLeaf(0x100007)),
                        one(0x102, Outcome.PREFETCHED, 0, PciScanFixture.prefetchedRamLeaf(0x100008)),
                        one(0x103, Outcome.HOST_PAGE_ABSENT, 0, 0), one(0x104, Outcome.HOST_PAGE_ABSENT, 0, 0),
                        one(0x105, Outcome.HOST_PAGE_ABSENT, 0, 0), one(0x106, Outcome.HOST_PAGE_ABSENT, 0, 0),
                        one(0x107, Outcome.HOST_PAGE_ABSENT, 0, 0)), 2, -1, 0, false);
    }

    /** ALLONES with the RFC's whole-slot policy (TDP MMU): every gfn of slot 3 mapped to the 0xff page. */
    public static PrefetchWindow wholeSlot(long seq) {
        return new PrefetchWindow(seq, 0xB0018, Policy.WHOLE_SLOT, Reason.DONE, MmuMode.TDP, 1, TABLE_BASE + 6, 0x18,
                0xB0011, 0xCF, List.of(new Candidate(0xB0011, 7, Outcome.PREFETCHED, 3, PciScanFixture.allonesPrefetchedLeaf()),
                        new Candidate(0xB0018, 1, Outcome.FAULTING_ENTRY, 3, PciScanFixture.allonesLeaf()),
                        new Candidate(0xB0019, 0xC7, Outcome.PREFETCHED, 3,
                        PciScanFixture.allonesPrefetchedLeaf())), 0xCE, -1,
                0, false);
    }
}
