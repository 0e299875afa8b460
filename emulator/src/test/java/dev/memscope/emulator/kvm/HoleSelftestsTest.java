package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.PrefetchDecision.Policy;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.trace.Stat;
import org.junit.jupiter.api.Test;

/**
 * The reads and writes of the ALLONES (RFC) and PCI_HOLE (v2) selftests: a guest reads every page of a hole slot
 * and must see all-ones; its writes must exit to userspace as KVM_EXIT_MMIO with the kernel's kvm_run.mmio.
 */
class HoleSelftestsTest {
    private static final long HOLE_GPA = 0xB000_0000L;
    private static final int PAGES = 64;

    @Test
    void allones_reads_see_ff_through_one_shared_read_only_page_and_never_exit_again() {
        KvmFixture fx = KvmFixture.withPolicy(MmuMode.TDP, Policy.KERNEL_WINDOW);
        fx.holeSlot(1, HOLE_GPA, PAGES * 4096L, MemFlags.ALLONES);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        for (int i = 0; i < PAGES; i++) {
            assertThat(cpu.read(HOLE_GPA + i * 4096L, 4)).isEqualTo(0xFFFF_FFFFL);
            assertThat(cpu.read(HOLE_GPA + i * 4096L + 0xE, 2)).isEqualTo(0xFFFFL);
        }
        assertThat(cpu.userspaceExits).isZero();
        assertThat(fx.kvm.stats().get(Stat.PF_FIXED)).isEqualTo(PAGES); // one fault per page, then none
        long spte = fx.spte(HOLE_GPA);
        assertThat(Spte.spteToPfn(spte)).isEqualTo(KvmPfn.ALLONES_PAGE);
        assertThat(Spte.isWritablePte(spte)).isFalse();
        assertThat(fx.level(HOLE_GPA)).isEqualTo(1);
        assertThat(fx.kvm.host().hostBytes()).isZero(); // the 0xff page is the kernel's, not the VM's
    }

    @Test
    void allones_whole_slot_policy_maps_every_gfn_on_the_first_read() {
        KvmFixture fx = KvmFixture.withPolicy(MmuMode.TDP, Policy.WHOLE_SLOT);
        fx.holeSlot(1, HOLE_GPA, 1024 * 4096L, MemFlags.ALLONES);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        assertThat(cpu.read(HOLE_GPA, 4)).isEqualTo(0xFFFF_FFFFL);
        assertThat(fx.vcpu.recentFaults().get(0).prefetchDecision().mapped()).isEqualTo(1023);
        assertThat(fx.vcpu.recentFaults().get(0).prefetchDecision().mayExhaustCache()).isFalse();
        for (int i = 1; i < 1024; i++) {
            cpu.read(HOLE_GPA + i * 4096L, 1);
        }
        assertThat(fx.kvm.stats().get(Stat.PF_TAKEN)).isEqualTo(1);
    }

    @Test
    void allones_bounded_policy_stops_at_the_2m_region() {
        KvmFixture fx = KvmFixture.withPolicy(MmuMode.TDP, Policy.BOUNDED_2M);
        fx.holeSlot(1, HOLE_GPA, 1024 * 4096L, MemFlags.ALLONES);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        cpu.read(HOLE_GPA + 5 * 4096L, 4);
        assertThat(fx.vcpu.recentFaults().get(0).prefetchDecision().mapped()).isEqualTo(511);
        assertThat(fx.spte(HOLE_GPA + 512 * 4096L)).isZero();
        assertThat(fx.spte(HOLE_GPA + 511 * 4096L)).isNotZero();
    }

    @Test
    void allones_with_the_kernel_window_or_no_prefetch_maps_only_the_faulting_gfn() {
        KvmFixture legacy = KvmFixture.withPolicy(MmuMode.LEGACY_DIRECT, Policy.KERNEL_WINDOW);
        legacy.holeSlot(1, HOLE_GPA, PAGES * 4096L, MemFlags.ALLONES);
        new MiniCpu(legacy.vcpu).read(HOLE_GPA + 3 * 4096L, 4);
        // the window's HVA lookup is a write: an ALLONES slot (no HVA, read-only) aborts the first run
        assertThat(legacy.vcpu.recentFaults().get(0).prefetchDecision().reason().name()).isEqualTo("ABORTED_RUN");
        assertThat(legacy.spte(HOLE_GPA + 2 * 4096L)).isZero();
        KvmFixture none = KvmFixture.withPolicy(MmuMode.LEGACY_DIRECT, Policy.NONE);
        none.holeSlot(1, HOLE_GPA, PAGES * 4096L, MemFlags.ALLONES);
        new MiniCpu(none.vcpu).read(HOLE_GPA, 4);
        assertThat(none.vcpu.recentFaults().get(0).prefetchDecision().reason().name()).isEqualTo("POLICY_NONE");
    }

    @Test
    void the_whole_slot_loop_over_a_large_slot_needs_more_tables_than_the_fault_cache_guarantees() {
        KvmFixture fx = KvmFixture.withPolicy(MmuMode.TDP, Policy.WHOLE_SLOT);
        fx.holeSlot(1, HOLE_GPA, 16L << 20, MemFlags.ALLONES); // 16 MiB: 8 last-level tables
        new MiniCpu(fx.vcpu).read(HOLE_GPA, 4);
        var d = fx.vcpu.recentFaults().get(0).prefetchDecision();
        assertThat(d.mapped()).isEqualTo(4095);
        assertThat(d.tablesAllocated()).isEqualTo(7);
        assertThat(d.mayExhaustCache()).isTrue();
    }

    @Test
    void allones_writes_exit_to_userspace_without_caching_an_mmio_spte() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.holeSlot(1, HOLE_GPA, PAGES * 4096L, MemFlags.ALLONES);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        assertThat(cpu.write(HOLE_GPA + 0x10, 4, 0x12345678)).isFalse();
        assertThat(fx.vcpu.run().exitReason).isEqualTo(KvmExitReason.MMIO);
        assertThat(fx.vcpu.run().mmioPhysAddr).isEqualTo(HOLE_GPA + 0x10);
        assertThat(fx.vcpu.run().mmioLen).isEqualTo(4);
        assertThat(fx.vcpu.run().mmioIsWrite).isTrue();
        assertThat(cpu.lastWrite).isEqualTo(0x12345678);
        assertThat(fx.kvm.stats().get(Stat.PF_MMIO_SPTE_CREATED)).isZero();
        // reads of the same page still map the 0xff page
        assertThat(cpu.read(HOLE_GPA + 0x10, 4)).isEqualTo(0xFFFF_FFFFL);
        assertThat(Spte.spteToPfn(fx.spte(HOLE_GPA))).isEqualTo(KvmPfn.ALLONES_PAGE);
    }

    @Test
    void the_rfc_as_posted_caches_an_mmio_spte_on_a_write_so_later_reads_exit_to_the_emulator() {
        KvmFixture fx = new KvmFixture(KvmConfig.defaults(MmuMode.TDP).withAllonesRfcWriteBug(true));
        fx.holeSlot(1, HOLE_GPA, PAGES * 4096L, MemFlags.ALLONES);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        cpu.write(HOLE_GPA, 4, 1);
        assertThat(fx.kvm.stats().get(Stat.PF_MMIO_SPTE_CREATED)).isEqualTo(1);
        assertThat(Spte.isMmioSpte(SpteFormat.EPT, fx.spte(HOLE_GPA))).isTrue();
        long exits = fx.kvm.stats().get(Stat.EXITS);
        for (int i = 0; i < 3; i++) {
            assertThat(cpu.read(HOLE_GPA, 4)).isEqualTo(0xFFFF_FFFFL);
        }
        // the bug the review found: the 0xff mapping is gone, every read is an EPT misconfig exit and emulation
        assertThat(fx.kvm.stats().get(Stat.EXITS)).isEqualTo(exits + 3);
        assertThat(fx.lines()).contains("phase MMIO-SPTE check ret RET_PF_EMULATE");
    }

    @Test
    void pci_hole_reads_are_answered_in_the_kernel_as_all_ones_and_writes_exit() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.holeSlot(1, HOLE_GPA, PAGES * 4096L, MemFlags.PCI_HOLE);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        for (int i = 0; i < PAGES; i++) {
            assertThat(cpu.read(HOLE_GPA + i * 4096L, 4)).isEqualTo(0xFFFF_FFFFL);
            assertThat(cpu.read(HOLE_GPA + i * 4096L, 8)).isEqualTo(-1L);
        }
        assertThat(cpu.userspaceExits).isZero();
        assertThat(fx.kvm.stats().get(Stat.MMIO_EXITS)).isZero();
        assertThat(fx.kvm.stats().get(Stat.PF_EMULATE)).isEqualTo(2 * PAGES); // every read exits to the kernel
        assertThat(fx.spte(HOLE_GPA)).isZero(); // nothing is cached
        assertThat(cpu.write(HOLE_GPA + 4, 2, 0xBEEF)).isFalse();
        assertThat(fx.vcpu.run().mmioPhysAddr).isEqualTo(HOLE_GPA + 4);
        assertThat(fx.vcpu.run().mmioLen).isEqualTo(2);
        assertThat(cpu.lastWrite).isEqualTo(0xBEEF);
        assertThat(fx.kvm.stats().get(Stat.MMIO_EXITS)).isEqualTo(1);
        assertThat(fx.kvm.host().hostBytes()).isZero();
    }
}
