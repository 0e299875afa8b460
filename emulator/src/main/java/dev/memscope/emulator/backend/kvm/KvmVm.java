package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.BackendException;

/**
 * The kernel objects of one VM with one vCPU: the {@code /dev/kvm} fd, the VM fd, the vCPU fd and the vCPU's
 * {@code kvm_run} mapping, created in that order and released in the reverse one. A failure at any step releases
 * what the earlier steps made before the exception leaves.
 */
final class KvmVm implements AutoCloseable {
    private final Native nat;
    int kvmFd = -1;
    int vmFd = -1;
    int vcpuFd = -1;
    long runAddr = -1;
    long runSize;

    private KvmVm(Native nat) {
        this.nat = nat;
    }

    static KvmVm create(Native nat) throws BackendException {
        KvmVm vm = new KvmVm(nat);
        try {
            vm.kvmFd = KvmDevice.open(nat);
            vm.vmFd = nat.libc.ioctl(vm.kvmFd, KvmIoctl.KVM_CREATE_VM, 0L);
            if (vm.vmFd < 0) {
                throw new BackendException("KVM_CREATE_VM failed", nat.errno());
            }
            vm.vcpuFd = nat.libc.ioctl(vm.vmFd, KvmIoctl.KVM_CREATE_VCPU, 0L);
            if (vm.vcpuFd < 0) {
                throw new BackendException("KVM_CREATE_VCPU failed", nat.errno());
            }
            int size = nat.libc.ioctl(vm.kvmFd, KvmIoctl.KVM_GET_VCPU_MMAP_SIZE, 0L);
            if (size < 0) {
                throw new BackendException("KVM_GET_VCPU_MMAP_SIZE failed", nat.errno());
            }
            vm.runSize = size;
            vm.runAddr = nat.libc.mmap(null, size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, vm.vcpuFd, 0);
            if (vm.runAddr == -1) {
                throw new BackendException("mapping kvm_run from the vCPU fd failed", nat.errno());
            }
            return vm;
        } catch (BackendException | RuntimeException e) {
            vm.close();
            throw e;
        }
    }

    /** Unmaps kvm_run and closes the three fds; safe on a half-made VM and when called twice. */
    @Override
    public void close() {
        if (runAddr != -1) {
            nat.libc.munmap(runAddr, runSize);
            runAddr = -1;
        }
        vcpuFd = closeFd(vcpuFd);
        vmFd = closeFd(vmFd);
        kvmFd = closeFd(kvmFd);
    }

    private int closeFd(int fd) {
        if (fd >= 0) {
            nat.libc.close(fd);
        }
        return -1;
    }
}
