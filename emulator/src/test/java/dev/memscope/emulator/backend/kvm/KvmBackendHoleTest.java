package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.AbiGuestRunner;
import dev.memscope.emulator.backend.GuestCode;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.TinyElf;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hole variants that real KVM can run: a READONLY slot over 0xff memory (readonly-page), the same over one shared
 * 0xff page (single-hva), and no slot at all (mmio-exit). Reads of the slots never exit; writes exit as MMIO and leave
 * no MMIO SPTE behind, so later reads still see 0xff (DOMAIN.md section 1, KVM_MEM_READONLY).
 */
class KvmBackendHoleTest {
    private static final long ECAM = MemoryMap.DEFAULT_ECAM_BASE;
    private static final long MIB = 1L << 20;

    @BeforeAll
    static void needsKvm() {
        RealKvm.assumeAvailable();
    }

    @Test
    void readonly_ff_slots_read_without_exits_and_writes_exit_as_mmio() throws Exception {
        byte[] code = new GuestCode()
                .movRbx(ECAM).movRaxMemRbx().movRdiRax()                    // FILLED_FF slot: read, no exit
                .movMemRbxDisp8Imm32(0x8, 0x12345678)                        // write: MMIO exit
                .movRaxMemRbx().movR8Rax()                                  // read again: still 0xff, no exit
                .movRbx(ECAM + MIB + 0x3000).movRaxMemRbx().movRsiRax()      // SINGLE_PAGE_FF slot
                .movRbx(ECAM + 2 * MIB + 0x40).movRaxMemRbx()               // no slot: MMIO read exit
                .hlt().bytes();
        try (KvmBackend kvm = KvmBackend.open()) {
            AbiGuestRunner.load(kvm, TinyElf.image(GuestAbi.IMAGE_MIN_GPA, code), MemoryMap.defaults());
            long filled = kvm.mmap(MIB, MemoryBacking.FILLED_FF);
            long single = kvm.mmap(MIB, MemoryBacking.SINGLE_PAGE_FF);
            assertThat(kvm.setUserMemoryRegion(1, MemFlags.READONLY, ECAM, MIB, filled)).isZero();
            assertThat(kvm.setUserMemoryRegion(2, MemFlags.READONLY, ECAM + MIB, MIB, single)).isZero();

            KvmRun run = kvm.run(Long.MAX_VALUE);
            assertThat(run.exitReason).isEqualTo(KvmExitReason.MMIO);
            assertThat(run.mmioIsWrite).isTrue();
            assertThat(run.mmioPhysAddr).isEqualTo(ECAM + 8);
            assertThat(run.mmioLen).isEqualTo(4);
            assertThat(run.mmioValue()).isEqualTo(0x12345678L);

            run = kvm.run(Long.MAX_VALUE);
            assertThat(run.exitReason).isEqualTo(KvmExitReason.MMIO);
            assertThat(run.mmioIsWrite).isFalse();
            assertThat(run.mmioPhysAddr).isEqualTo(ECAM + 2 * MIB + 0x40);
            run.setMmioValue(0x42);

            assertThat(kvm.run(Long.MAX_VALUE).exitReason).isEqualTo(KvmExitReason.HLT);
            KvmRegs regs = kvm.getRegs();
            assertThat(regs.gpr(KvmRegs.RDI)).as("read of the FILLED_FF slot").isEqualTo(-1L);
            assertThat(regs.gpr(8)).as("read after the write").isEqualTo(-1L);
            assertThat(regs.gpr(KvmRegs.RSI)).as("read of the SINGLE_PAGE_FF slot").isEqualTo(-1L);
            assertThat(regs.gpr(KvmRegs.RAX)).as("MMIO read answered by userspace").isEqualTo(0x42L);
            byte[] after = new byte[4];
            kvm.readHost(filled + 8, after, 0, 4);
            assertThat(after).as("the guest's write did not reach the 0xff memory").containsOnly(-1);
        }
    }
}
