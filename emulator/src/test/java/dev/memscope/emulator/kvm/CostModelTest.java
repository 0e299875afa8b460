package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.MemFlags;
import org.junit.jupiter.api.Test;

/** The cost model's defaults give DESIGN.md's figures: about 1 us in the kernel, about 6 us through userspace. */
class CostModelTest {
    private static final long HOLE = 0xB000_0000L;

    @Test
    void a_pci_hole_read_handled_in_the_kernel_costs_about_a_microsecond() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.holeSlot(1, HOLE, 64 * 4096L, MemFlags.PCI_HOLE);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        cpu.read(HOLE, 4);
        long before = fx.kvm.log().modelledNanos();
        cpu.read(HOLE + 4096, 4);
        assertThat(fx.kvm.log().modelledNanos() - before).isBetween(900L, 1100L);
    }

    @Test
    void an_access_handled_in_userspace_costs_about_six_microseconds() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        MiniCpu cpu = new MiniCpu(fx.vcpu);
        cpu.read(HOLE, 4); // first access: installs the MMIO SPTE
        long before = fx.kvm.log().modelledNanos();
        cpu.read(HOLE, 4); // EPT misconfig, MMIO cache hit, userspace, completion
        assertThat(fx.kvm.log().modelledNanos() - before).isBetween(5500L, 6500L);
    }

    @Test
    void guest_instructions_add_their_own_time() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long[] insns = {0};
        fx.kvm.log().costModel().setInstructionClock(() -> insns[0], 500);
        insns[0] = 1000;
        assertThat(fx.kvm.log().modelledNanos()).isEqualTo(500);
    }
}
