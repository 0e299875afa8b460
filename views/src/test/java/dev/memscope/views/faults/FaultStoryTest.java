package dev.memscope.views.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.views.faults.PhaseCard.Field;
import dev.memscope.views.faults.PhaseCard.State;
import dev.memscope.views.panekit.PciScanFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultStoryTest {
    private final dev.memscope.emulator.api.MachineSnapshot.Setup setup = PciScanFixture.setup(MmuMode.TDP);

    @Test
    void a_fault_stopped_after_map_shows_what_ran_where_it_stopped_and_what_is_ahead() {
        List<PhaseCard> cards = FaultStory.cards(PciScanFixture.currentFault(), true, setup);
        assertThat(cards).extracting(PhaseCard::phase).containsExactly(FaultPhase.DECODE, FaultPhase.PAGE_TRACK,
                FaultPhase.FAST_PAGE_FAULT, FaultPhase.FAULTIN_PFN, FaultPhase.HUGEPAGE_ADJUST, FaultPhase.MAP,
                FaultPhase.PREFETCH, FaultPhase.DONE);
        assertThat(cards).extracting(PhaseCard::state).containsExactly(State.RAN, State.RAN, State.RAN, State.RAN,
                State.RAN, State.STOPPED_AFTER, State.PENDING, State.PENDING);
        assertThat(cards.get(5).function()).isEqualTo("kvm_tdp_mmu_map()");
        assertThat(cards.get(0).fields()).contains(new Field("addr (gpa)", "0xb0028000", "ECAM 00:05.0 reg 0x000"),
                new Field("error_code", "0x100000004", "USER|GUEST_FINAL (EPT: a read sets USER)"));
        assertThat(cards.get(3).fields()).contains(new Field("slot", "3 (ALLONES)", ""),
                new Field("pfn", "0xffff0", "the kernel's one shared 0xff page (ALLONES slot)"));
        assertThat(cards.get(4).fields()).extracting(Field::value).contains("1G / 4K / 4K", "DISALLOW_LPAGE");
        assertThat(cards.get(5).fields().get(0).value()).isEqualTo("0x00000000ffff0975");
    }

    @Test
    void a_finished_fault_ends_with_its_result_even_though_the_model_does_not_record_done() {
        List<PhaseCard> cards = FaultStory.cards(PciScanFixture.recentFaults().get(8), false, setup);
        assertThat(cards).extracting(PhaseCard::state).containsOnly(State.RAN);
        PhaseCard done = cards.get(cards.size() - 1);
        assertThat(done.phase()).isEqualTo(FaultPhase.DONE);
        assertThat(done.fields().get(0).value()).isEqualTo("RET_PF_EMULATE (2)");
        PhaseCard faultin = cards.stream().filter(c -> c.phase() == FaultPhase.FAULTIN_PFN).findFirst().orElseThrow();
        assertThat(faultin.fields().get(0)).isEqualTo(new Field("slot", "none", "no memslot: the gfn is MMIO"));
        assertThat(faultin.fields().get(1).value()).isEqualTo("KVM_PFN_NOSLOT");
        PhaseCard map = cards.stream().filter(c -> c.phase() == FaultPhase.MAP).findFirst().orElseThrow();
        assertThat(map.fields().get(0).note()).isEqualTo("MMIO gfn 0xb0000 gen 16");
        PhaseCard prefetch = cards.stream().filter(c -> c.phase() == FaultPhase.PREFETCH).findFirst().orElseThrow();
        assertThat(prefetch.fields()).extracting(Field::note).contains("the TDP MMU never prefetches");
    }

    @Test
    void an_rsvd_fault_is_served_by_the_mmio_check() {
        List<PhaseCard> cards = FaultStory.cards(PciScanFixture.recentFaults().get(9), false, setup);
        assertThat(cards).extracting(PhaseCard::phase).containsExactly(FaultPhase.DECODE, FaultPhase.MMIO_CHECK,
                FaultPhase.DONE);
        assertThat(cards.get(1).fields().get(0).note()).contains("RET_PF_EMULATE");
        assertThat(cards.get(0).fields()).contains(new Field("error_code", "0x8", "RSVD"));
    }

    @Test
    void error_codes_read_as_the_kernel_names_them() {
        assertThat(ErrorCode.bits(PciScanFixture.ERR_WALK)).isEqualTo("WRITE|USER|GUEST_PAGE");
        assertThat(ErrorCode.bits(0)).isEqualTo("0");
        assertThat(ErrorCode.bits(1L << 49 | 1L << 40)).isEqualTo("bit40|PRIVATE_ACCESS");
    }
}
