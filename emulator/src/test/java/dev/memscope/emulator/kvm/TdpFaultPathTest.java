package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.HugepageDecision;
import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.trace.Stat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TdpFaultPathTest {
    private static final long MB = 1 << 20;

    @Test
    void a_write_fault_on_ram_installs_a_writable_dirty_accessed_4k_ept_leaf() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 4 * MB);
        assertThat(fx.write(0x5000)).isEqualTo(ExitAction.REENTER);
        long spte = fx.spte(0x5000);
        // R W X, WB+IPAT, A D, MMU-present, host- and MMU-writable
        assertThat(spte & 0xFFF).isEqualTo(0xB77);
        assertThat(spte >>> 57 & 3).isEqualTo(3);
        assertThat(fx.level(0x5000)).isEqualTo(1);
        assertThat(fx.kvm.stats().get(Stat.PF_FIXED)).isEqualTo(1);
        assertThat(fx.kvm.stats().get(Stat.PF_TAKEN)).isEqualTo(1);
        assertThat(fx.kvm.host().structPages()).isEqualTo(1);
    }

    @Test
    void a_read_of_untouched_anonymous_memory_maps_the_zero_page_read_only_and_a_write_then_breaks_cow() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 4 * MB);
        fx.read(0x3000);
        long ro = fx.spte(0x3000);
        assertThat(Spte.spteToPfn(ro)).isEqualTo(KvmPfn.ZERO_PAGE);
        assertThat(Spte.isWritablePte(ro)).isFalse();
        assertThat(Spte.isHostWritableSpte(SpteFormat.EPT, ro)).isFalse();
        assertThat(fx.kvm.host().structPages()).isZero();
        // the write is not fixable by the fast path (not MMU-writable): slow path; GUP breaks CoW, whose MMU
        // notifier zaps the zero-page SPTE and bumps mmu_invalidate_seq, so this attempt is stale and retries
        KvmPageFault f = fx.vcpu.newFault(0x3000, Pferr.WRITE | Pferr.PRESENT | Pferr.GUEST_FINAL);
        f.runToCompletion();
        assertThat(f.result()).isEqualTo(RetPf.RETRY);
        assertThat(fx.spte(0x3000)).isZero();
        KvmPageFault again = fx.vcpu.newFault(0x3000, Pferr.WRITE | Pferr.GUEST_FINAL);
        again.runToCompletion();
        assertThat(again.result()).isEqualTo(RetPf.FIXED);
        assertThat(Spte.spteToPfn(fx.spte(0x3000))).isNotEqualTo(KvmPfn.ZERO_PAGE);
        assertThat(fx.kvm.host().structPages()).isEqualTo(1);
    }

    @Test
    void the_fault_can_be_stepped_phase_by_phase() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 4 * MB);
        KvmPageFault f = fx.fault(0x7000, true);
        List<FaultPhase> seen = new ArrayList<>();
        while (!f.isDone()) {
            seen.add(f.phase());
            f.step();
        }
        assertThat(seen).containsExactly(FaultPhase.DECODE, FaultPhase.PAGE_TRACK, FaultPhase.FAST_PAGE_FAULT,
                FaultPhase.FAULTIN_PFN, FaultPhase.HUGEPAGE_ADJUST, FaultPhase.MAP); // the TDP MMU has no prefetch step
        assertThat(f.result()).isEqualTo(RetPf.FIXED);
        assertThat(f.toRecord().phases()).hasSize(6);
        assertThat(f.prefetchDecision().reason().name()).isEqualTo("TDP_MMU");
    }

    @Test
    void a_2m_backed_aligned_slot_is_mapped_with_a_2m_leaf() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 8 * MB, MemoryBacking.ANONYMOUS_HUGE_2M, 0);
        KvmPageFault f = fx.fault(0x201000, true);
        f.runToCompletion();
        assertThat(f.hugepageDecision().reason()).isEqualTo(HugepageDecision.Reason.HUGE_ALLOWED);
        assertThat(fx.level(0x201000)).isEqualTo(2);
        assertThat(fx.kvm.host().structPages()).isEqualTo(512);
        assertThat(Spte.isLargePte(fx.spte(0x201000))).isTrue();
    }

    @Test
    void hva_and_gfn_misaligned_within_2m_disallows_every_huge_page() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long hva = fx.kvm.host().mmap(8 * MB, MemoryBacking.ANONYMOUS_HUGE_2M);
        assertThat(fx.kvm.setUserMemoryRegion(0, 0, 0x1000, 4 * MB, hva)).isZero();
        KvmPageFault f = fx.fault(0x300000, false);
        f.runToCompletion();
        assertThat(f.hugepageDecision().reason()).isEqualTo(HugepageDecision.Reason.DISALLOW_LPAGE);
        assertThat(fx.level(0x300000)).isEqualTo(1);
    }

    @Test
    void dirty_logging_keeps_4k_and_a_huge_page_is_split_for_it() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long hva = fx.ramSlot(0, 0, 4 * MB, MemoryBacking.ANONYMOUS_HUGE_2M, 0);
        fx.write(0x1000);
        assertThat(fx.level(0x1000)).isEqualTo(2);
        assertThat(fx.kvm.setUserMemoryRegion(0, MemFlags.LOG_DIRTY_PAGES, 0, 4 * MB, hva)).isZero();
        assertThat(fx.spte(0x1000)).isZero(); // the model zaps huge leaves when logging starts
        KvmPageFault f = fx.fault(0x1000, true);
        f.runToCompletion();
        assertThat(f.hugepageDecision().reason()).isEqualTo(HugepageDecision.Reason.DIRTY_LOGGING);
        assertThat(fx.level(0x1000)).isEqualTo(1);
    }

    @Test
    void a_smaller_mapping_under_a_huge_leaf_splits_it_in_place() {
        KvmFixture fx = new KvmFixture(KvmConfig.defaults(MmuMode.TDP).withNxHugePages(true));
        fx.ramSlot(0, 0, 4 * MB, MemoryBacking.ANONYMOUS_HUGE_2M, 0);
        fx.write(0x1000);
        assertThat(fx.level(0x1000)).isEqualTo(2);
        // an exec fault stays 4K under the NX huge page workaround: the 2M leaf is split in place
        KvmPageFault f = fx.vcpu.newFault(0x2000, Pferr.FETCH | Pferr.PRESENT | Pferr.GUEST_FINAL);
        f.runToCompletion();
        assertThat(f.hugepageDecision().reason()).isEqualTo(HugepageDecision.Reason.NX_HUGE_PAGE);
        assertThat(fx.level(0x2000)).isEqualTo(1);
        assertThat(fx.level(0x1000)).isEqualTo(1);
        assertThat(fx.lines()).contains("kvmmmu:kvm_mmu_split_huge_page: gfn 0 spte");
    }

    @Test
    void a_write_on_a_write_protected_mmu_writable_spte_is_fixed_by_the_fast_path() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long hva = fx.ramSlot(0, 0, 4 * MB);
        fx.write(0x4000);
        assertThat(fx.kvm.setUserMemoryRegion(0, MemFlags.LOG_DIRTY_PAGES, 0, 4 * MB, hva)).isZero();
        assertThat(Spte.isWritablePte(fx.spte(0x4000))).isFalse();
        assertThat(Spte.isMmuWritableSpte(SpteFormat.EPT, fx.spte(0x4000))).isTrue();
        KvmPageFault f = fx.vcpu.newFault(0x4000, Pferr.WRITE | Pferr.PRESENT | Pferr.GUEST_FINAL);
        f.runToCompletion();
        assertThat(f.result()).isEqualTo(RetPf.FIXED);
        assertThat(f.toRecord().phases()).endsWith(FaultPhase.FAST_PAGE_FAULT);
        assertThat(fx.kvm.stats().get(Stat.PF_FAST)).isEqualTo(1);
        long[] bitmap = new long[16];
        assertThat(fx.kvm.getDirtyLog(0, bitmap)).isZero();
        assertThat(bitmap[0]).isEqualTo(1L << 4);
        assertThat(fx.lines()).contains("kvmmmu:fast_page_fault: vcpu 0 gva 4000 error_code P|W");
    }
}
