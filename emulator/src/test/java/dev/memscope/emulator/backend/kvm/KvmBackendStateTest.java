package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.emulator.backend.KvmCap;
import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmSregs;
import dev.memscope.emulator.backend.rules.MemslotRules;
import dev.memscope.emulator.vmm.BootImage;
import dev.memscope.emulator.vmm.BootLayout;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.guests.SampleGuests;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Registers, capabilities and the description, as the real kernel keeps and answers them. */
class KvmBackendStateTest {
    @BeforeAll
    static void needsKvm() {
        RealKvm.assumeAvailable();
    }

    private static BootImage boot() throws Exception {
        return BootLayout.build(ElfImage.parse(SampleGuests.image("hello").orElseThrow()), MemoryMap.defaults(),
                BootLayout.PageSize.SIZE_2M);
    }

    @Test
    void registers_come_back_as_set() throws Exception {
        long[] gpr = new long[16];
        for (int i = 0; i < 16; i++) {
            gpr[i] = 0x0101010101010101L * (i + 1);
        }
        KvmRegs regs = new KvmRegs(gpr, 0x100000, 0x202);
        try (KvmBackend kvm = KvmBackend.open()) {
            kvm.setRegs(regs);
            KvmRegs back = kvm.getRegs();
            assertThat(back.gpr()).containsExactly(gpr);
            assertThat(back.rip()).isEqualTo(0x100000);
            assertThat(back.rflags()).isEqualTo(0x202);
        }
    }

    @Test
    void the_long_mode_entry_state_is_kept_by_the_kernel() throws Exception {
        KvmSregs set = boot().sregs();
        try (KvmBackend kvm = KvmBackend.open()) {
            kvm.setSregs(set);
            KvmSregs got = kvm.getSregs();
            assertThat(got.cr0()).isEqualTo(set.cr0());
            assertThat(got.cr3()).isEqualTo(set.cr3());
            assertThat(got.cr4()).isEqualTo(set.cr4());
            assertThat(got.efer()).isEqualTo(set.efer());
            assertThat(got.cs().l()).isTrue();
            assertThat(got.cs().selector()).isEqualTo(GuestAbi.SELECTOR_CODE64);
            assertThat(got.tr().selector()).isEqualTo(GuestAbi.SELECTOR_TSS);
            assertThat(got.gdtBase()).isEqualTo(set.gdtBase());
            assertThat(got.gdtLimit()).isEqualTo(set.gdtLimit());
        }
    }

    @Test
    void an_invalid_state_is_refused_with_the_kernels_errno() throws Exception {
        KvmSregs s = boot().sregs();
        // EFER.LMA with paging off: kvm_is_valid_sregs() (arch/x86/kvm/x86.c) refuses it.
        KvmSregs noPaging = new KvmSregs(s.cs(), s.ds(), s.es(), s.fs(), s.gs(), s.ss(), s.tr(), s.ldt(),
                s.gdtBase(), s.gdtLimit(), s.idtBase(), s.idtLimit(), s.cr0() & ~GuestAbi.CR0_PG, s.cr2(), s.cr3(),
                s.cr4(), s.cr8(), s.efer(), s.apicBase());
        try (KvmBackend kvm = KvmBackend.open()) {
            assertThatThrownBy(() -> kvm.setSregs(noPaging)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("KVM_SET_SREGS failed with -EINVAL");
        }
    }

    @Test
    void capabilities_are_the_kernels_and_the_unmerged_ones_are_never_asked() throws Exception {
        FailingLibC libc = FailingLibC.recording(Native.system());
        try (KvmBackend kvm = KvmBackend.open(libc.nat)) {
            assertThat(kvm.checkExtension(KvmCap.NR_MEMSLOTS)).isEqualTo(MemslotRules.KVM_USER_MEM_SLOTS);
            assertThat(kvm.checkExtension(KvmCap.USER_MEMORY)).isEqualTo(1);
            assertThat(kvm.checkExtension(KvmCap.READONLY_MEM)).as("x86 always has it").isEqualTo(1);
            libc.calls.clear();
            assertThat(kvm.checkExtension(KvmCap.ALLONES_MEM)).isZero();
            assertThat(kvm.checkExtension(KvmCap.PCI_HOLE_MEM)).isZero();
            assertThat(libc.calls).as("no KVM_CHECK_EXTENSION for the RFC/v2 numbers").isEmpty();
        }
    }

    @Test
    void describe_names_the_kernel_release_and_its_paging_mode() throws Exception {
        String release = KernelFiles.firstLine(Path.of("/proc/sys/kernel/osrelease")).orElseThrow();
        try (KvmBackend kvm = KvmBackend.open()) {
            assertThat(kvm.describe()).startsWith("Linux " + release + " /dev/kvm, ")
                    .contains(KvmPagingMode.detect(Path.of("/sys/module")).description())
                    .contains("ALLONES and PCI_HOLE go to the kernel as they are");
            assertThat(kvm.name()).isEqualTo("kvm");
        }
    }
}
