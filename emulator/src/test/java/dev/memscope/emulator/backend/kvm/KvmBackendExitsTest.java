package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.AbiGuestRunner;
import dev.memscope.emulator.backend.GuestCode;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.backend.TinyElf;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every exit kind the VMM handles, in one short guest on the real kernel: port and MMIO in both directions. */
class KvmBackendExitsTest {
    private static final long ENTRY = GuestAbi.IMAGE_MIN_GPA;
    private static final long MESSAGE_GPA = 0x300000;
    private static final long INSB_GPA = 0x200000;
    private static final long ECAM = MemoryMap.DEFAULT_ECAM_BASE;
    private static final long MMIO_READ_VALUE = 0x0123456789ABCDEFL;

    @BeforeAll
    static void needsKvm() {
        RealKvm.assumeAvailable();
    }

    private static byte[] program() {
        return new GuestCode()
                .movEdx(0x1234).inEaxDx().movR8Rax()                    // port read, 4 bytes
                .movEax(0xDEADBEEF).movEdx(GuestAbi.PORT_SYNC).outDxEax() // port write, 4 bytes
                .movRsi(MESSAGE_GPA).movRcx(5).movEdx(GuestAbi.PORT_CONSOLE).repOutsb()
                .movRdi(INSB_GPA).movRcx(4).movEdx(0x60).repInsb()
                .movRbx(ECAM).movRaxMemRbx().movRdiRax()                 // MMIO read, 8 bytes, no memslot
                .movMemRbxDisp8Imm32(0x10, 0x12345678)                   // MMIO write, 4 bytes
                .hlt()
                .ud2()                                                   // no IDT: triple fault
                .bytes();
    }

    @Test
    void port_and_mmio_exits_in_both_directions_then_hlt_then_shutdown() throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            AbiGuestRunner vm = AbiGuestRunner.load(kvm, TinyElf.image(ENTRY, program()), MemoryMap.defaults());
            byte[] hello = "Hello".getBytes(StandardCharsets.US_ASCII);
            kvm.writeHost(vm.ramHva() + MESSAGE_GPA, hello, 0, hello.length);

            KvmRun run = kvm.run(Long.MAX_VALUE);
            assertThat(run.exitReason).isEqualTo(KvmExitReason.IO);
            assertThat(run.ioDirection).isEqualTo(KvmRun.IO_IN);
            assertThat(run.ioPort).isEqualTo(0x1234);
            assertThat(run.ioSize).isEqualTo(4);
            assertThat(run.ioCount).isEqualTo(1);
            run.ioData = 0x11223344L;

            run = kvm.run(Long.MAX_VALUE);
            assertThat(run.exitReason).isEqualTo(KvmExitReason.IO);
            assertThat(run.ioDirection).isEqualTo(KvmRun.IO_OUT);
            assertThat(run.ioPort).isEqualTo(GuestAbi.PORT_SYNC);
            assertThat(run.ioSize).isEqualTo(4);
            assertThat(run.ioData).isEqualTo(0xDEADBEEFL);

            ByteArrayOutputStream console = new ByteArrayOutputStream();
            run = kvm.run(Long.MAX_VALUE);
            while (run.exitReason == KvmExitReason.IO && run.ioPort == GuestAbi.PORT_CONSOLE) {
                assertThat(run.ioDirection).isEqualTo(KvmRun.IO_OUT);
                if (run.ioCount > 1) {
                    console.write(run.ioBytes, 0, run.ioCount);
                } else {
                    console.write((int) run.ioData);
                }
                run = kvm.run(Long.MAX_VALUE);
            }
            assertThat(console.toString(StandardCharsets.US_ASCII)).isEqualTo("Hello");

            int served = 0;
            while (run.exitReason == KvmExitReason.IO && run.ioPort == 0x60) {
                assertThat(run.ioDirection).isEqualTo(KvmRun.IO_IN);
                assertThat(run.ioSize).isEqualTo(1);
                for (int i = 0; i < run.ioCount; i++) {
                    run.ioBytes[i] = (byte) ('a' + served + i);
                }
                run.ioData = 'a' + served;
                served += run.ioCount;
                run = kvm.run(Long.MAX_VALUE);
            }
            assertThat(served).isEqualTo(4);

            assertThat(run.exitReason).isEqualTo(KvmExitReason.MMIO);
            assertThat(run.mmioIsWrite).isFalse();
            assertThat(run.mmioPhysAddr).isEqualTo(ECAM);
            assertThat(run.mmioLen).isEqualTo(8);
            run.setMmioValue(MMIO_READ_VALUE);

            run = kvm.run(Long.MAX_VALUE);
            assertThat(run.exitReason).isEqualTo(KvmExitReason.MMIO);
            assertThat(run.mmioIsWrite).isTrue();
            assertThat(run.mmioPhysAddr).isEqualTo(ECAM + 0x10);
            assertThat(run.mmioLen).isEqualTo(4);
            assertThat(run.mmioValue()).isEqualTo(0x12345678L);

            run = kvm.run(Long.MAX_VALUE);
            assertThat(run.exitReason).isEqualTo(KvmExitReason.HLT);
            KvmRegs regs = kvm.getRegs();
            assertThat(regs.gpr(8)).as("r8: the port read's answer").isEqualTo(0x11223344L);
            assertThat(regs.gpr(KvmRegs.RDI)).as("rdi: the MMIO read's answer").isEqualTo(MMIO_READ_VALUE);
            byte[] insb = new byte[4];
            kvm.readHost(vm.ramHva() + INSB_GPA, insb, 0, 4);
            assertThat(new String(insb, StandardCharsets.US_ASCII)).isEqualTo("abcd");

            Map<String, Long> stats = kvm.stats();
            // Counters kept by generic x86 code (x86.c); io_exits and pf_* are bumped by the vendor module's exit
            // handlers, and kvm_pvm leaves them at 0, so they are not asserted here.
            assertThat(stats).as("the kernel's own count of what this vCPU did")
                    .containsEntry("mmio_exits", 2L)
                    .containsEntry("halt_exits", 1L);

            run = kvm.run(Long.MAX_VALUE);
            assertThat(run.exitReason).isEqualTo(KvmExitReason.SHUTDOWN);
            assertThat(run.detail).contains("triple fault");
        }
    }

    @Test
    void an_instruction_the_kernel_cannot_emulate_on_mmio_is_an_internal_error() throws Exception {
        byte[] code = new GuestCode().movRbx(ECAM).popcntEaxMemRbx().hlt().bytes();
        try (KvmBackend kvm = KvmBackend.open()) {
            AbiGuestRunner.load(kvm, TinyElf.image(ENTRY, code), MemoryMap.defaults());
            KvmRun run = kvm.run(Long.MAX_VALUE);
            assertThat(run.exitReason).as("%s: %s", KvmExitReason.name(run.exitReason), run.detail)
                    .isEqualTo(KvmExitReason.INTERNAL_ERROR);
            assertThat(run.suberror).isEqualTo(1);
            assertThat(run.detail).startsWith("KVM_INTERNAL_ERROR_EMULATION");
        }
    }
}
