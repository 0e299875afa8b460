package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmCap;

/**
 * Opens {@code /dev/kvm} and checks that it is a KVM this backend can drive: API version 12, user memory, and
 * {@code kvm_run.immediate_exit} (without which a stop request could be lost). Every refusal says which of
 * "missing", "not writable" and "too old" it is.
 */
final class KvmDevice {
    static final String PATH = "/dev/kvm";

    private KvmDevice() {
    }

    /** The open {@code /dev/kvm} fd; closed again if a check fails. */
    static int open(Native nat) throws BackendException {
        int fd = nat.libc.open(PATH, LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0) {
            int errno = nat.errno();
            throw new BackendException(switch (errno) {
                case Errno.ENOENT -> PATH + " is missing: this host has no KVM (no kvm module loaded, no hardware "
                        + "virtualization, or a container without the device)";
                case Errno.EACCES, Errno.EPERM -> PATH + " is not writable by this user: add the user to the group "
                        + "that owns it (usually kvm) or run as root";
                default -> "cannot open " + PATH;
            }, errno);
        }
        try {
            check(nat, fd);
            return fd;
        } catch (BackendException e) {
            nat.libc.close(fd);
            throw e;
        }
    }

    private static void check(Native nat, int fd) throws BackendException {
        int version = nat.libc.ioctl(fd, KvmIoctl.KVM_GET_API_VERSION, 0L);
        if (version < 0) {
            throw new BackendException(PATH + " does not answer KVM_GET_API_VERSION", nat.errno());
        }
        if (version != KvmIoctl.KVM_API_VERSION) {
            throw new BackendException(PATH + " speaks KVM API version " + version + ", not "
                    + KvmIoctl.KVM_API_VERSION + ": this kernel is too old (or too new) for this backend");
        }
        requireCap(nat, fd, KvmCap.USER_MEMORY, "KVM_CAP_USER_MEMORY", "Linux 2.6.25");
        requireCap(nat, fd, KvmIoctl.KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT", "Linux 4.11");
    }

    private static void requireCap(Native nat, int fd, int cap, String name, String since) throws BackendException {
        if (nat.libc.ioctl(fd, KvmIoctl.KVM_CHECK_EXTENSION, (long) cap) <= 0) {
            throw new BackendException("this kernel's KVM is too old: it lacks " + name + " (" + since + ")");
        }
    }
}
