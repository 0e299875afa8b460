package dev.memscope.emulator.backend.kvm;

/**
 * {@code /dev/kvm} ioctl request numbers on x86-64, built the way include/uapi/linux/kvm.h builds them with the
 * {@code _IO/_IOR/_IOW/_IOWR} macros of include/uapi/asm-generic/ioctl.h, from the struct sizes of
 * arch/x86/include/uapi/asm/kvm.h.
 */
final class KvmIoctl {
    static final int KVMIO = 0xAE;

    /** Struct sizes on x86-64. */
    static final int SIZEOF_KVM_USERSPACE_MEMORY_REGION = 32;
    static final int SIZEOF_KVM_DIRTY_LOG = 16;
    static final int SIZEOF_KVM_REGS = 144;
    static final int SIZEOF_KVM_SREGS = 312;
    static final int SIZEOF_KVM_PRE_FAULT_MEMORY = 64;

    // system ioctls (on the /dev/kvm fd)
    static final long KVM_GET_API_VERSION = io(0x00);
    static final long KVM_CREATE_VM = io(0x01);
    static final long KVM_CHECK_EXTENSION = io(0x03);
    static final long KVM_GET_VCPU_MMAP_SIZE = io(0x04);

    // VM ioctls
    static final long KVM_CREATE_VCPU = io(0x41);
    static final long KVM_GET_DIRTY_LOG = iow(0x42, SIZEOF_KVM_DIRTY_LOG);
    static final long KVM_SET_USER_MEMORY_REGION = iow(0x46, SIZEOF_KVM_USERSPACE_MEMORY_REGION);

    // vCPU ioctls
    static final long KVM_RUN = io(0x80);
    static final long KVM_GET_REGS = ior(0x81, SIZEOF_KVM_REGS);
    static final long KVM_SET_REGS = iow(0x82, SIZEOF_KVM_REGS);
    static final long KVM_GET_SREGS = ior(0x83, SIZEOF_KVM_SREGS);
    static final long KVM_SET_SREGS = iow(0x84, SIZEOF_KVM_SREGS);
    static final long KVM_PRE_FAULT_MEMORY = iowr(0xD5, SIZEOF_KVM_PRE_FAULT_MEMORY);

    /** {@code KVM_API_VERSION}: the only version the kernel has reported since 2.6.22. */
    static final int KVM_API_VERSION = 12;
    /** {@code KVM_CAP_CHECK_EXTENSION_VM}: KVM_CHECK_EXTENSION works on a VM fd. */
    static final int KVM_CAP_CHECK_EXTENSION_VM = 105;
    /** {@code KVM_CAP_IMMEDIATE_EXIT}: kvm_run.immediate_exit is honoured (Linux 4.11); requestStop needs it. */
    static final int KVM_CAP_IMMEDIATE_EXIT = 136;

    private static final int IOC_NONE = 0;
    private static final int IOC_WRITE = 1;
    private static final int IOC_READ = 2;

    private KvmIoctl() {
    }

    private static long ioc(int dir, int nr, int size) {
        return ((long) dir << 30) | ((long) size << 16) | ((long) KVMIO << 8) | nr;
    }

    private static long io(int nr) {
        return ioc(IOC_NONE, nr, 0);
    }

    private static long ior(int nr, int size) {
        return ioc(IOC_READ, nr, size);
    }

    private static long iow(int nr, int size) {
        return ioc(IOC_WRITE, nr, size);
    }

    private static long iowr(int nr, int size) {
        return ioc(IOC_READ | IOC_WRITE, nr, size);
    }
}
