package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request numbers, as the _IO/_IOR/_IOW/_IOWR macros of include/uapi/linux/kvm.h give them on x86-64. */
class KvmIoctlTest {
    @Test
    void request_numbers_match_the_kernel_headers() {
        assertThat(KvmIoctl.KVM_GET_API_VERSION).isEqualTo(0xAE00L);
        assertThat(KvmIoctl.KVM_CREATE_VM).isEqualTo(0xAE01L);
        assertThat(KvmIoctl.KVM_CHECK_EXTENSION).isEqualTo(0xAE03L);
        assertThat(KvmIoctl.KVM_GET_VCPU_MMAP_SIZE).isEqualTo(0xAE04L);
        assertThat(KvmIoctl.KVM_CREATE_VCPU).isEqualTo(0xAE41L);
        assertThat(KvmIoctl.KVM_GET_DIRTY_LOG).isEqualTo(0x4010AE42L);
        assertThat(KvmIoctl.KVM_SET_USER_MEMORY_REGION).isEqualTo(0x4020AE46L);
        assertThat(KvmIoctl.KVM_RUN).isEqualTo(0xAE80L);
        assertThat(KvmIoctl.KVM_GET_REGS).isEqualTo(0x8090AE81L);
        assertThat(KvmIoctl.KVM_SET_REGS).isEqualTo(0x4090AE82L);
        assertThat(KvmIoctl.KVM_GET_SREGS).isEqualTo(0x8138AE83L);
        assertThat(KvmIoctl.KVM_SET_SREGS).isEqualTo(0x4138AE84L);
        assertThat(KvmIoctl.KVM_PRE_FAULT_MEMORY).isEqualTo(0xC040AED5L);
    }
}
