package dev.memscope.emulator.kvm;

import static dev.memscope.emulator.api.PrefetchWindow.Outcome.ABORTED_EARLIER_RUN;
import static dev.memscope.emulator.api.PrefetchWindow.Outcome.ALREADY_PRESENT;
import static dev.memscope.emulator.api.PrefetchWindow.Outcome.FAULTING_ENTRY;
import static dev.memscope.emulator.api.PrefetchWindow.Outcome.HOLE_SLOT;
import static dev.memscope.emulator.api.PrefetchWindow.Outcome.HOST_PAGE_ABSENT;
import static dev.memscope.emulator.api.PrefetchWindow.Outcome.IN_FAILED_RUN;
import static dev.memscope.emulator.api.PrefetchWindow.Outcome.PREFETCHED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.PrefetchWindow;
import dev.memscope.emulator.backend.MemFlags;
import org.junit.jupiter.api.Test;

/**
 * The per-candidate account of the prefetch step, against the rules of __direct_pte_prefetch() and
 * direct_pte_prefetch_many() (arch/x86/kvm/mmu/mmu.c; DOMAIN.md §3): the aligned window of 8, runs of non-present
 * entries, one slot lookup per run, the first failed run aborting the rest.
 */
class PrefetchWindowTest {
    private static final long PAGE = 4096;

    private static PrefetchWindow.Outcome[] outcomes(PrefetchWindow w) {
        return w.candidates().stream().map(PrefetchWindow.Candidate::outcome).toArray(PrefetchWindow.Outcome[]::new);
    }

    @Test
    void a_window_around_the_fault_names_each_candidates_fate() {
        KvmFixture fx = new KvmFixture(MmuMode.LEGACY_DIRECT);
        long hva = fx.ramSlot(0, 0, 64 * PAGE);
        fx.kvm.host().writeHost(hva + 9 * PAGE, new byte[2 * 4096], 0, 2 * 4096); // host pages 9 and 10 present
        fx.read(14 * PAGE); // gfn 14 mapped by an earlier fault
        KvmPageFault f = fx.fault(8 * PAGE, true);
        f.runToCompletion();
        PrefetchWindow w = f.prefetchWindow();
        assertThat(w.windowStartGfn()).isEqualTo(8);
        assertThat(w.candidates()).extracting(PrefetchWindow.Candidate::gfn).containsExactly(8L, 9L, 10L, 11L, 12L,
                13L, 14L, 15L);
        // run 9..13 (14 is present): 9, 10 taken, 11..13 have no host page yet; run 15: no host page, so it fails
        // and nothing follows it in the window.
        assertThat(outcomes(w)).containsExactly(FAULTING_ENTRY, PREFETCHED, PREFETCHED, HOST_PAGE_ABSENT,
                HOST_PAGE_ABSENT, HOST_PAGE_ABSENT, ALREADY_PRESENT, HOST_PAGE_ABSENT);
        assertThat(w.mapped()).isEqualTo(2);
        assertThat(w.candidates()).allMatch(c -> c.slotId() == 0);
    }

    @Test
    void a_hole_slot_fails_the_first_run_and_aborts_the_window() {
        KvmFixture fx = KvmFixture.withPolicy(MmuMode.LEGACY_DIRECT, PrefetchDecision.Policy.KERNEL_WINDOW);
        fx.holeSlot(1, 0x100000, 16 * PAGE, MemFlags.ALLONES);
        KvmPageFault f = fx.fault(0x100000 + 10 * PAGE, false);
        f.runToCompletion();
        PrefetchWindow w = f.prefetchWindow();
        // runs [8..9] and [11..15] around the fault at 10: the first has no HVA (ALLONES), so everything stops.
        assertThat(outcomes(w)).containsExactly(HOLE_SLOT, IN_FAILED_RUN, FAULTING_ENTRY, ABORTED_EARLIER_RUN,
                ABORTED_EARLIER_RUN, ABORTED_EARLIER_RUN, ABORTED_EARLIER_RUN, ABORTED_EARLIER_RUN);
        assertThat(w.reason()).isEqualTo(PrefetchDecision.Reason.ABORTED_RUN);
        assertThat(w.stopGfn()).isEqualTo(0x100L + 8);
    }

    @Test
    void the_tdp_mmu_walks_no_window() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 64 * PAGE);
        KvmPageFault f = fx.fault(8 * PAGE, false);
        f.runToCompletion();
        assertThat(f.prefetchWindow().candidates()).isEmpty();
        assertThat(f.prefetchWindow().reason()).isEqualTo(PrefetchDecision.Reason.TDP_MMU);
    }

    @Test
    void the_bounded_allones_loop_maps_the_2m_region_around_the_fault_in_merged_runs() {
        KvmFixture fx = KvmFixture.withPolicy(MmuMode.TDP, PrefetchDecision.Policy.BOUNDED_2M);
        fx.holeSlot(1, 0x100000, 1024 * PAGE, MemFlags.ALLONES); // gfns 0x100..0x4ff, two 2 MiB regions
        KvmPageFault f = fx.fault(0x100000 + 300 * PAGE, false);
        f.runToCompletion();
        PrefetchWindow w = f.prefetchWindow();
        // The review's bound: the 2 MiB region of the fault (gfns 0x200..0x3ff), clipped to the slot.
        assertThat(w.windowStartGfn()).isEqualTo(0x200L);
        assertThat(w.windowPages()).isEqualTo(512);
        assertThat(w.candidates()).extracting(PrefetchWindow.Candidate::outcome)
                .containsExactly(PREFETCHED, FAULTING_ENTRY, PREFETCHED);
        assertThat(w.mapped()).isEqualTo(511);
    }
}
