package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.RetPf;
import dev.memscope.emulator.trace.Stat;
import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.TlbFill;
import dev.memscope.emulator.x86.Translator;
import dev.memscope.emulator.x86.VmExit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShadowPagingTest {
    private static final long P = 1, W = 2, U = 4, A = 1 << 5, D = 1 << 6;
    private static final long GVA = 0x20_0000L;
    private KvmFixture fx;
    private long hva;
    private final TlbFill fill = new TlbFill();
    private final VmExit exit = new VmExit();

    private void pte(long gpa, long value) {
        byte[] b = new byte[8];
        EmulatorView.putLong(b, 0, value);
        fx.kvm.host().writeHost(hva + gpa, b, 0, 8);
    }

    private long readPte(long gpa) {
        byte[] b = new byte[8];
        fx.kvm.host().readHost(hva + gpa, b, 0, 8);
        return EmulatorView.getLong(b, 0);
    }

    @BeforeEach
    void guestTables() {
        fx = new KvmFixture(MmuMode.SHADOW);
        hva = fx.ramSlot(0, 0, 4 << 20);
        pte(0x1000, 0x2000 | P | W | U);          // PML4[0]
        pte(0x2000, 0x3000 | P | W | U);          // PDPT[0]
        pte(0x3000 + 8, 0x4000 | P | W | U);      // PD[1]: gva 2M..4M
        pte(0x4000, 0x10_0000 | P | W);           // PT[0]: gva 0x200000 -> gpa 0x100000, supervisor
        pte(0x4000 + 8, 0x4000 | P | W);          // PT[1]: gva 0x201000 -> the PT page itself
        pte(0x4000 + 16, 0xFEB0_0000L | P | W);   // PT[2]: gva 0x202000 -> an unslotted gpa (MMIO)
        fx.paging.cr3 = 0x1000;
    }

    private int translate(long la, int access, int cpl) {
        exit.clear();
        return fx.vcpu.shadowTranslator().translate(null, la, access, cpl, fill, exit);
    }

    @Test
    void a_read_walks_the_guest_tables_sets_accessed_bits_and_maps_read_only_until_the_first_write() {
        assertThat(translate(GVA, Access.READ, 0)).isEqualTo(Translator.EXIT);
        assertThat(exit.reason).isEqualTo(VmExit.EXCEPTION_NMI);
        assertThat(exit.vector).isEqualTo(14);
        assertThat(fx.vcpu.handleExit(exit)).isEqualTo(ExitAction.REENTER);
        assertThat(translate(GVA, Access.READ, 0)).isEqualTo(Translator.OK);
        assertThat(fill.gpa).isEqualTo(0x10_0000L);
        assertThat(fill.writable).isFalse();
        for (long g : new long[] {0x1000, 0x2000, 0x3008, 0x4000}) {
            assertThat(readPte(g) & A).isEqualTo(A);
        }
        assertThat(readPte(0x4000) & D).isZero();
        String log = fx.lines();
        assertThat(log).contains("kvmmmu:kvm_mmu_pagetable_walk: addr 200000 pferr 0 ",
                "kvmmmu:kvm_mmu_paging_element: pte 2007 level 4", "kvmmmu:kvm_mmu_set_accessed_bit: gpa 4000",
                "memscope:kvm_vcpu_map: gfn 4 pfn", "memscope:kvm_vcpu_unmap: gfn 4 pfn");
        // the write: #PF P|W, the walk sets D, the SPTE becomes writable
        assertThat(translate(GVA, Access.WRITE, 0)).isEqualTo(Translator.EXIT);
        assertThat(exit.errorCode).isEqualTo(Pferr.PRESENT | Pferr.WRITE);
        assertThat(fx.vcpu.handleExit(exit)).isEqualTo(ExitAction.REENTER);
        assertThat(readPte(0x4000) & D).isEqualTo(D);
        // the page was the zero page: breaking CoW invalidated the gfn under the fault, which retried
        assertThat(translate(GVA, Access.WRITE, 0)).isEqualTo(Translator.EXIT);
        assertThat(fx.vcpu.handleExit(exit)).isEqualTo(ExitAction.REENTER);
        assertThat(translate(GVA, Access.WRITE, 0)).isEqualTo(Translator.OK);
        assertThat(fill.writable).isTrue();
        assertThat(fx.lines()).contains("kvmmmu:kvm_mmu_set_dirty_bit: gpa 4000");
    }

    @Test
    void a_user_access_to_a_supervisor_page_is_reinjected_into_the_guest() {
        assertThat(translate(GVA, Access.READ, 3)).isEqualTo(Translator.EXIT);
        assertThat(fx.vcpu.handleExit(exit)).isEqualTo(ExitAction.INJECT_PAGE_FAULT);
        assertThat(fx.vcpu.pendingPageFaultErrorCode()).isEqualTo(Pferr.PRESENT | Pferr.USER);
        assertThat(fx.vcpu.pendingPageFaultCr2()).isEqualTo(GVA);
        assertThat(fx.kvm.stats().get(Stat.PF_GUEST)).isEqualTo(1);
        assertThat(fx.lines()).contains("kvmmmu:kvm_mmu_walker_error: pferr 5 P|U", "kvm:kvm_inj_exception: #PF (0x5)");
        fx.vcpu.pageFaultDelivered();
        assertThat(translate(0x40_0000L, Access.READ, 0)).isEqualTo(Translator.EXIT);
        assertThat(fx.vcpu.handleExit(exit)).isEqualTo(ExitAction.INJECT_PAGE_FAULT);
        assertThat(fx.vcpu.pendingPageFaultErrorCode()).isZero(); // not present
    }

    @Test
    void guest_page_tables_are_write_protected_and_a_write_to_them_is_emulated_and_zaps_the_shadow_entry() {
        translate(GVA, Access.READ, 0);
        fx.vcpu.handleExit(exit);
        assertThat(fx.kvm.mmu().isWriteTracked(0x4)).isTrue();
        // gva 0x201000 maps the guest PT page: writes to it must fault
        assertThat(translate(GVA + 0x1000, Access.WRITE, 0)).isEqualTo(Translator.EXIT);
        KvmPageFault f = fx.vcpu.pageFaultFor(exit);
        f.runToCompletion();
        assertThat(f.result()).isEqualTo(RetPf.WRITE_PROTECTED);
        assertThat(fx.vcpu.completeFault(f)).isEqualTo(ExitAction.EMULATE);
        // the emulator writes PT[0] (gva 0x200000) to point elsewhere: the shadow entry goes
        exit.clear();
        fx.vcpu.emulatorMemory().mmioWrite(0x4000, 8, 0x18_0000L | P | W, exit);
        assertThat(exit.reason).isEqualTo(VmExit.NONE);
        assertThat(fx.kvm.stats().get(Stat.MMU_PTE_WRITE)).isEqualTo(1);
        assertThat(translate(GVA, Access.READ, 0)).isEqualTo(Translator.EXIT);
        fx.vcpu.handleExit(exit);
        assertThat(translate(GVA, Access.READ, 0)).isEqualTo(Translator.OK);
        assertThat(fill.gpa).isEqualTo(0x18_0000L);
    }

    @Test
    void an_unslotted_gpa_gets_an_mmio_spte_with_a_reserved_bit_and_its_fault_carries_rsvd() {
        assertThat(translate(GVA + 0x2000, Access.READ, 0)).isEqualTo(Translator.EXIT);
        assertThat(fx.vcpu.handleExit(exit)).isEqualTo(ExitAction.EMULATE);
        assertThat(translate(GVA + 0x2000, Access.READ, 0)).isEqualTo(Translator.EXIT);
        assertThat(exit.errorCode & Pferr.RSVD).isNotZero();
        KvmPageFault f = fx.vcpu.pageFaultFor(exit);
        f.runToCompletion();
        assertThat(f.result()).isEqualTo(RetPf.EMULATE);
        assertThat(f.toRecord().phases()).containsExactly(dev.memscope.emulator.api.FaultPhase.DECODE,
                dev.memscope.emulator.api.FaultPhase.MMIO_CHECK);
    }

    @Test
    void pte_prefetch_maps_the_accessed_neighbours_until_the_first_unusable_guest_pte() {
        for (int i = 0; i < 8; i++) {
            pte(0x4000 + i * 8L, (0x10_0000L + i * 4096L) | P | W | A);
        }
        pte(0x4000 + 6 * 8L, 0x10_6000L | P | W); // not accessed: the prefetch stops here
        fx.kvm.host().writeHost(hva + 0x10_0000L, new byte[8 * 4096], 0, 8 * 4096); // host pages present
        assertThat(translate(GVA + 3 * 4096, Access.READ, 0)).isEqualTo(Translator.EXIT);
        KvmPageFault f = fx.vcpu.pageFaultFor(exit);
        f.runToCompletion();
        var d = f.prefetchDecision();
        assertThat(d.reason().name()).isEqualTo("ABORTED_RUN");
        assertThat(d.mapped()).isEqualTo(5); // entries 0, 1, 2, 4, 5
        assertThat(translate(GVA + 5 * 4096, Access.READ, 0)).isEqualTo(Translator.OK);
        assertThat(fill.gpa).isEqualTo(0x10_5000L);
        assertThat(translate(GVA + 6 * 4096, Access.READ, 0)).isEqualTo(Translator.EXIT);
    }

    @Test
    void without_guest_paging_gva_is_gpa() {
        fx.paging.paging = false;
        assertThat(translate(0x10_0000L, Access.WRITE, 0)).isEqualTo(Translator.EXIT);
        assertThat(fx.vcpu.handleExit(exit)).isEqualTo(ExitAction.REENTER);
        assertThat(translate(0x10_0000L, Access.WRITE, 0)).isEqualTo(Translator.OK);
        assertThat(fill.gpa).isEqualTo(0x10_0000L);
        assertThat(fill.writable).isTrue();
    }
}
