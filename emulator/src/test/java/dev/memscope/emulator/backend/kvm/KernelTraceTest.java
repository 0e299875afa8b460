package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.backend.AbiGuestRunner;
import dev.memscope.emulator.backend.GuestCode;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.TinyElf;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the kernel's tracepoints from tracefs: the trace file's lines, and a run on /dev/kvm traced for real. */
class KernelTraceTest {
    @Test
    void parses_this_process_lines_and_counts_what_the_buffer_lost() {
        List<String> raw = List.of(
                "# tracer: nop",
                "# entries-in-buffer/entries-written: 3/8   #P:2",
                "#           TASK-PID       TGID    CPU#  |||||  TIMESTAMP  FUNCTION",
                "            java-9772    (   9767) [001] ..... 14956.710338: kvm_pio: pio_write at 0xe9 size 1 count 1 "
                        + "val 0x48 ",
                " C1 CompilerThre-9645    (   9767) [000] ..... 14956.710400: kvm_unmap_hva_range: mmu notifier "
                        + "unmap range: 0x007fbcec140000 -- 0x007fbcec150000",
                "          qemu-k-1234    (   1200) [001] d..1. 14956.710500: kvm_exit: vcpu 0 reason HLT rip 0x10");
        KernelTrace.Capture c = KernelTrace.parse(raw, 9767);
        assertThat(c.lost()).isEqualTo(5);
        assertThat(c.lines()).hasSize(2);
        KernelTrace.Line pio = c.lines().get(0);
        assertThat(pio).isEqualTo(new KernelTrace.Line("java", 9772, 1, 14956.710338, "kvm_pio",
                "pio_write at 0xe9 size 1 count 1 val 0x48"));
        assertThat(c.lines().get(1).task()).isEqualTo("C1 CompilerThre");
        assertThat(c.lines()).filteredOn(l -> l.event().equals("kvm_unmap_hva_range")).hasSize(1);
        assertThat(pio.line()).isEqualTo("            java-9772    [001] 14956.710338: kvm_pio: pio_write at 0xe9 "
                + "size 1 count 1 val 0x48");
    }

    @Test
    void a_port_write_and_an_mmio_read_on_the_kernel_show_as_its_tracepoints() throws Exception {
        RealKvm.assumeTracing();
        long gpa = 0xb000_0000L; // the ECAM window, mapped by the guest, no memslot: an MMIO exit
        byte[] code = new GuestCode().movEdx(0xe9).movEax('M').outDxAl()
                .movRbx(gpa).movEaxMemRbx().hlt().bytes();
        KernelTrace.Capture c;
        try (KvmBackend kvm = KvmBackend.open()) {
            AbiGuestRunner.load(kvm, TinyElf.image(GuestAbi.IMAGE_MIN_GPA, code), MemoryMap.defaults());
            try (KernelTrace trace = KernelTrace.start(List.of("kvm", "kvmmmu"), 4096)) {
                assertThat(kvm.run(Long.MAX_VALUE).exitReason).isEqualTo(KvmExitReason.IO);
                dev.memscope.emulator.backend.KvmRun mmio = kvm.run(Long.MAX_VALUE);
                assertThat(mmio.exitReason).isEqualTo(KvmExitReason.MMIO);
                mmio.setMmioValue(0x1234_5678L); // the VMM's answer, completed on the next KVM_RUN
                assertThat(kvm.run(Long.MAX_VALUE).exitReason).isEqualTo(KvmExitReason.HLT);
                c = trace.stop();
            }
        }
        assertThat(c.lost()).isZero();
        // include/trace/events/kvm.h and arch/x86/kvm/trace.h: what KVM prints for these exits
        assertThat(c.lines()).extracting(KernelTrace.Line::text)
                .contains("pio_write at 0xe9 size 1 count 1 val 0x4d", "reason KVM_EXIT_IO (2)",
                        "reason KVM_EXIT_MMIO (6)", "mmio unsatisfied-read len 4 gpa 0xb0000000 val 0x0",
                        "mmio read len 4 gpa 0xb0000000 val 0x12345678");
    }

    @Test
    void an_instance_left_by_a_process_that_is_gone_is_removed_at_the_next_start() throws Exception {
        assumeTrue(KernelTrace.unavailableReason().isEmpty(), () -> KernelTrace.unavailableReason().orElseThrow());
        java.nio.file.Path instances = java.nio.file.Path.of("/sys/kernel/tracing/instances");
        assumeTrue(java.nio.file.Files.isDirectory(instances), "tracefs is not at /sys/kernel/tracing");
        long gone = 4_000_000;
        while (ProcessHandle.of(gone).isPresent()) {
            gone--;
        }
        java.nio.file.Path stale = instances.resolve("memscope-" + gone + "-1");
        java.nio.file.Path mine = instances.resolve("memscope-" + ProcessHandle.current().pid() + "-999999");
        java.nio.file.Files.createDirectory(stale);
        java.nio.file.Files.createDirectory(mine); // alive: must stay
        try {
            java.nio.file.Files.writeString(stale.resolve("events/kvm/enable"), "1\n");
            try (KernelTrace t = KernelTrace.start(List.of("kvm/kvm_pio"), 64)) {
                assertThat(stale).doesNotExist();
                assertThat(mine).exists();
            }
        } finally {
            java.nio.file.Files.deleteIfExists(stale);
            java.nio.file.Files.deleteIfExists(mine);
        }
    }
}
