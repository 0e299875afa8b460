package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import org.junit.jupiter.api.Test;

/**
 * The three ways /dev/kvm can be unusable, each with its own message: missing, not writable, too old. The kernel's
 * answers are injected (FailingLibC), so these run on any Linux machine; with a real /dev/kvm the rest of the
 * checks go to it.
 */
class KvmDeviceTest {
    @Test
    void a_missing_device_says_so() {
        FailingLibC libc = new FailingLibC(Native.system(), c -> c.method().equals("open"), Errno.ENOENT);
        assertThatThrownBy(() -> KvmDevice.open(libc.nat)).isInstanceOf(BackendException.class)
                .hasMessageStartingWith("/dev/kvm is missing").hasMessageEndingWith("(ENOENT)");
    }

    @Test
    void a_device_that_is_not_writable_says_so() {
        FailingLibC libc = new FailingLibC(Native.system(), c -> c.method().equals("open"), Errno.EACCES);
        assertThatThrownBy(() -> KvmDevice.open(libc.nat)).isInstanceOf(BackendException.class)
                .hasMessageContaining("not writable by this user");
    }

    @Test
    void another_api_version_is_too_old_and_closes_the_fd() {
        RealKvm.assumeAvailable();
        FailingLibC libc = new FailingLibC(Native.system(), c -> c.isIoctl(KvmIoctl.KVM_GET_API_VERSION), 0, 11);
        assertThatThrownBy(() -> KvmDevice.open(libc.nat)).isInstanceOf(BackendException.class)
                .hasMessageContaining("KVM API version 11, not 12").hasMessageContaining("too old");
        assertThat(libc.calls).anyMatch(c -> c.method().equals("close"));
    }

    @Test
    void a_kernel_without_immediate_exit_is_too_old() {
        RealKvm.assumeAvailable();
        FailingLibC libc = new FailingLibC(Native.system(), c -> c.isIoctl(KvmIoctl.KVM_CHECK_EXTENSION)
                && (long) c.args().get(2) == KvmIoctl.KVM_CAP_IMMEDIATE_EXIT, 0, 0);
        assertThatThrownBy(() -> KvmDevice.open(libc.nat)).isInstanceOf(BackendException.class)
                .hasMessage("this kernel's KVM is too old: it lacks KVM_CAP_IMMEDIATE_EXIT (Linux 4.11)");
    }

    @Test
    void the_probe_says_why_or_that_it_is_usable() {
        KvmAvailability a = KvmAvailability.probe();
        assertThat(a.reason()).isNotBlank();
        if (a.usable()) {
            assertThat(a.reason()).isEqualTo("/dev/kvm is usable");
        }
    }
}
