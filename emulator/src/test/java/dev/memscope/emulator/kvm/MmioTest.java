package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.trace.Stat;
import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.PageRef;
import dev.memscope.emulator.x86.PhysicalMemory;
import dev.memscope.emulator.x86.VmExit;
import org.junit.jupiter.api.Test;

class MmioTest {
    private static final long DEV = 0xFEB0_0000L;

    @Test
    void the_first_access_installs_an_mmio_spte_with_the_generation_and_the_next_is_an_ept_misconfig() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 1 << 20);
        KvmPageFault f = fx.fault(DEV, false);
        f.runToCompletion();
        assertThat(f.result()).isEqualTo(RetPf.EMULATE);
        long spte = fx.spte(DEV);
        assertThat(Spte.isMmioSpte(SpteFormat.EPT, spte)).isTrue();
        assertThat(Spte.isShadowPresentPte(spte)).isFalse();
        assertThat(spte & 7).isEqualTo(6); // write+exec without read
        assertThat(Spte.getMmioSpteGeneration(spte)).isEqualTo(fx.vcpu.memslots().generation());
        assertThat(Spte.getMmioSpteGfn(spte)).isEqualTo(DEV >>> 12);
        VmExit exit = new VmExit();
        assertThat(fx.vcpu.hardwareMemory().resolve(DEV + 8, Access.READ, -1, false, new PageRef(), exit))
                .isEqualTo(PhysicalMemory.EXIT);
        assertThat(exit.reason).isEqualTo(VmExit.EPT_MISCONFIG);
        assertThat(fx.vcpu.handleExit(exit)).isEqualTo(ExitAction.EMULATE);
        assertThat(fx.kvm.stats().get(Stat.PF_MMIO_SPTE_CREATED)).isEqualTo(1);
    }

    @Test
    void after_a_memslot_change_the_mmio_spte_is_stale_and_the_full_path_maps_the_new_ram() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        cpu.userspaceRead = run -> 0x1234;
        assertThat(cpu.read(DEV, 4)).isEqualTo(0x1234);
        long gen0 = Spte.getMmioSpteGeneration(fx.spte(DEV));
        fx.ramSlot(3, DEV, 1 << 20); // CREATE: the generation moves on, the MMIO SPTE is stale
        assertThat(fx.vcpu.memslots().generation()).isEqualTo(gen0 + 2);
        assertThat(cpu.read(DEV, 4)).isZero();
        assertThat(fx.lines()).contains("kvmmmu:check_mmio_spte: spte " + Long.toHexString(
                Spte.makeMmioSpte(SpteFormat.EPT, DEV >>> 12, 0, gen0)) + " kvm_gen 2 spte-gen 0 valid 0");
        assertThat(Spte.isShadowPresentPte(fx.spte(DEV))).isTrue();
        assertThat(cpu.userspaceExits).isEqualTo(1);
    }

    @Test
    void a_userspace_read_fills_kvm_run_and_completes_with_the_data_of_the_next_entry() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        cpu.userspaceRead = run -> {
            assertThat(run.exitReason).isEqualTo(KvmExitReason.MMIO);
            assertThat(run.mmioPhysAddr).isEqualTo(DEV + 0x10);
            assertThat(run.mmioLen).isEqualTo(2);
            assertThat(run.mmioIsWrite).isFalse();
            return 0xCAFE;
        };
        assertThat(cpu.read(DEV + 0x10, 2)).isEqualTo(0xCAFE);
        assertThat(fx.lines()).contains("kvm:kvm_mmio: mmio unsatisfied-read len 2 gpa 0xfeb00010 val 0x0",
                "kvm:kvm_mmio: mmio read len 2 gpa 0xfeb00010 val 0xcafe",
                "kvm:kvm_userspace_exit: reason KVM_EXIT_MMIO (6)");
        assertThat(fx.kvm.stats().get(Stat.MMIO_EXITS)).isEqualTo(1);
    }

    @Test
    void a_write_to_a_readonly_slot_is_emulated_and_exits_but_caches_no_mmio_spte() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long hva = fx.ramSlot(1, 0x10_0000, 0x10_0000, dev.memscope.emulator.backend.MemoryBacking.FILLED_FF,
                MemFlags.READONLY);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        assertThat(cpu.write(0x10_0000, 4, 7)).isFalse();
        assertThat(fx.vcpu.run().mmioIsWrite).isTrue();
        assertThat(fx.kvm.stats().get(Stat.PF_MMIO_SPTE_CREATED)).isZero();
        assertThat(fx.spte(0x10_0000)).isZero();
        assertThat(cpu.read(0x10_0000, 4)).isEqualTo(0xFFFF_FFFFL); // reads still map normally
        long spte = fx.spte(0x10_0000);
        assertThat(Spte.isShadowPresentPte(spte)).isTrue();
        assertThat(Spte.isWritablePte(spte)).isFalse();
        assertThat(Spte.isHostWritableSpte(SpteFormat.EPT, spte)).isFalse();
        assertThat(hva).isNotZero();
        assertThat(fx.kvm.host().structPages()).isEqualTo(256); // the VMM filled every page at mmap time
    }

    @Test
    void with_mmio_caching_off_no_mmio_spte_is_made() {
        KvmFixture fx = new KvmFixture(KvmConfig.defaults(MmuMode.TDP).withMmioCaching(false));
        KvmPageFault f = fx.fault(DEV, false);
        f.runToCompletion();
        assertThat(f.result()).isEqualTo(RetPf.EMULATE);
        assertThat(fx.spte(DEV)).isZero();
    }

    @Test
    void the_vcpu_mmio_cache_short_cuts_the_next_mmio_check() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.fault(DEV, false).runToCompletion();
        VmExit exit = new VmExit();
        exit.reason = VmExit.EPT_MISCONFIG;
        exit.gpa = DEV;
        KvmPageFault f = fx.vcpu.pageFaultFor(exit);
        f.runToCompletion();
        assertThat(f.result()).isEqualTo(RetPf.EMULATE);
        assertThat(fx.lines()).doesNotContain("check_mmio_spte");
    }
}
