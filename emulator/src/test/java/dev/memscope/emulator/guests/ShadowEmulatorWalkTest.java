package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.RunResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Regression: under shadow paging, KVM's instruction emulator walks the guest's tables to translate the emulated
 * access and sets their A/D bits as the walk does everywhere, with a cmpxchg on the user mapping
 * ({@code FNAME(update_accessed_dirty_bits)}, arch/x86/kvm/mmu/paging_tmpl.h). Only the emulator's own writes
 * ({@code emulator_write_phys()}) reach {@code kvm_page_track_write()} and {@code kvm_mmu_pte_write()}. The model
 * treated the walk's D update of the PDE mapping the ECAM window as a guest write to a page table and zapped the
 * shadow SPTEs derived from it.
 */
class ShadowEmulatorWalkTest {
    @Test
    void the_emulators_walk_sets_a_and_d_without_a_pte_write_or_a_zap() throws Exception {
        SimBackend[] made = new SimBackend[1];
        RunResult r = BatchRun.run(GuestRuns.setup("pci-scan").withMmu(MmuMode.SHADOW), s -> made[0] =
                SimBackend.create(new SimOptions(s.mmu(), s.prefetchPolicy(), true)), BatchRun.Limits.defaults());
        assertThat(r.exitCode()).isZero();
        // pci-scan.c never writes its page tables, and the emulator only reads them (and sets A/D).
        assertThat(r.counters()).containsEntry("mmu_pte_write", 0L).containsEntry("mmu_shadow_zapped", 0L);
        // The D bit of the PDE mapping the ECAM window (a 2 MiB page the guest wrote through) was still set.
        long ecam = GuestRuns.setup("pci-scan").map().ecamBase();
        long table = made[0].getSregs().cr3() & ~0xFFFL;
        long entry = 0;
        for (int level = 4; level >= 2; level--) {
            long index = (ecam >>> (12 + 9 * (level - 1))) & 511;
            entry = ByteBuffer.wrap(made[0].readGuestPhysical(table + 8 * index, 8)).order(ByteOrder.LITTLE_ENDIAN)
                    .getLong();
            table = entry & 0x000FFFFFFFFFF000L;
        }
        assertThat(entry & 0x80).as("a 2 MiB PDE").isNotZero();
        assertThat(entry & 0x60).as("accessed and dirty").isEqualTo(0x60);
    }
}
