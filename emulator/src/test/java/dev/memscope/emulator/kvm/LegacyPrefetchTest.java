package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.PrefetchDecision.Reason;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import org.junit.jupiter.api.Test;

/** {@code direct_pte_prefetch()} on the legacy direct MMU (tdp_mmu=N). */
class LegacyPrefetchTest {
    private static final long PAGE = 4096;

    private static KvmFixture withPresentHostPages(long bytes) {
        KvmFixture fx = new KvmFixture(MmuMode.LEGACY_DIRECT);
        long hva = fx.ramSlot(0, 0, bytes);
        fx.kvm.host().writeHost(hva, new byte[(int) bytes], 0, (int) bytes); // every host page present, writable
        return fx;
    }

    @Test
    void the_aligned_window_of_8_is_filled_around_the_fault_and_prefetched_sptes_are_not_accessed() {
        KvmFixture fx = withPresentHostPages(64 * PAGE);
        KvmPageFault f = fx.fault(13 * PAGE, false);
        f.runToCompletion();
        PrefetchDecision d = f.prefetchDecision();
        assertThat(d.reason()).isEqualTo(Reason.DONE);
        assertThat(d.windowStartGfn()).isEqualTo(8);
        assertThat(d.mapped()).isEqualTo(7);
        for (long gfn = 8; gfn < 16; gfn++) {
            assertThat(fx.spte(gfn * PAGE)).isNotZero();
            assertThat(Spte.isAccessedSpte(SpteFormat.EPT, fx.spte(gfn * PAGE))).isEqualTo(gfn == 13);
        }
        assertThat(fx.spte(16 * PAGE)).isZero();
        assertThat(fx.spte(7 * PAGE)).isZero();
    }

    @Test
    void only_host_pages_already_present_are_taken() {
        KvmFixture fx = new KvmFixture(MmuMode.LEGACY_DIRECT);
        long hva = fx.ramSlot(0, 0, 64 * PAGE);
        fx.kvm.host().writeHost(hva + 9 * PAGE, new byte[1], 0, 1);
        fx.kvm.host().writeHost(hva + 10 * PAGE, new byte[1], 0, 1);
        KvmPageFault f = fx.fault(8 * PAGE, true);
        f.runToCompletion();
        // run 9..15: pages 9 and 10 present, 11 absent: two mapped, no failure
        assertThat(f.prefetchDecision().mapped()).isEqualTo(2);
        assertThat(f.prefetchDecision().reason()).isEqualTo(Reason.DONE);
    }

    @Test
    void the_first_failed_run_aborts_the_rest() {
        KvmFixture fx = new KvmFixture(MmuMode.LEGACY_DIRECT);
        long hva = fx.ramSlot(0, 0, 16 * PAGE);
        fx.kvm.host().writeHost(hva + 10 * PAGE, new byte[6 * 4096], 0, 6 * 4096); // 10..15 present
        KvmPageFault f = fx.fault(9 * PAGE, true);
        f.runToCompletion();
        // runs [8] and [10..15]: the first has no present host page, so the second is never tried
        assertThat(f.prefetchDecision().reason()).isEqualTo(Reason.ABORTED_RUN);
        assertThat(f.prefetchDecision().stopGfn()).isEqualTo(8);
        assertThat(fx.spte(12 * PAGE)).isZero();
    }

    @Test
    void read_only_and_dirty_logged_slots_are_never_prefetched() {
        KvmFixture fx = new KvmFixture(MmuMode.LEGACY_DIRECT);
        fx.ramSlot(0, 0, 64 * PAGE, MemoryBacking.FILLED_FF, MemFlags.READONLY);
        KvmPageFault f = fx.fault(3 * PAGE, false);
        f.runToCompletion();
        assertThat(f.prefetchDecision().reason()).isEqualTo(Reason.ABORTED_RUN);
        assertThat(f.prefetchDecision().mapped()).isZero();

        KvmFixture fy = withPresentHostPages(64 * PAGE);
        long hva = fy.kvm.host().mappings().get(0).startHva();
        assertThat(fy.kvm.setUserMemoryRegion(0, MemFlags.LOG_DIRTY_PAGES, 0, 64 * PAGE, hva)).isZero();
        KvmPageFault g = fy.fault(3 * PAGE, false);
        g.runToCompletion();
        assertThat(g.prefetchDecision().reason()).isEqualTo(Reason.ABORTED_RUN);
    }

    @Test
    void a_run_crossing_the_end_of_the_slot_yields_nothing() {
        KvmFixture fx = withPresentHostPages(12 * PAGE); // gfns 0..11: the window 8..15 crosses the end
        KvmPageFault f = fx.fault(8 * PAGE, false);
        f.runToCompletion();
        assertThat(f.prefetchDecision().reason()).isEqualTo(Reason.ABORTED_RUN);
        assertThat(fx.spte(9 * PAGE)).isZero();
    }

    @Test
    void no_prefetch_around_a_huge_leaf_or_on_the_tdp_mmu() {
        KvmFixture fx = new KvmFixture(MmuMode.LEGACY_DIRECT);
        fx.ramSlot(0, 0, 4 << 20, MemoryBacking.ANONYMOUS_HUGE_2M, 0);
        KvmPageFault f = fx.fault(0x1000, true);
        f.runToCompletion();
        assertThat(f.prefetchDecision().reason()).isEqualTo(Reason.HUGE_LEVEL);
        KvmFixture tdp = new KvmFixture(MmuMode.TDP);
        tdp.ramSlot(0, 0, 64 * PAGE);
        KvmPageFault g = tdp.fault(0x1000, true);
        g.runToCompletion();
        assertThat(g.prefetchDecision().reason()).isEqualTo(Reason.TDP_MMU);
    }
}
