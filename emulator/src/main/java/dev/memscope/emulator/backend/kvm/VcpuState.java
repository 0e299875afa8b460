package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmSregs;
import jnr.ffi.Pointer;

/**
 * {@code KVM_GET_REGS}, {@code KVM_SET_REGS}, {@code KVM_GET_SREGS}, {@code KVM_SET_SREGS} on one vCPU, through the
 * struct codecs. These cannot return an errno through the backend interface, so a refusal throws
 * {@link IllegalStateException} naming the ioctl and the errno, such as {@code KVM_SET_SREGS failed with -EINVAL}.
 */
final class VcpuState {
    private final Native nat;
    private final int vcpuFd;
    private final NativeScratch scratch;

    VcpuState(Native nat, int vcpuFd, NativeScratch scratch) {
        this.nat = nat;
        this.vcpuFd = vcpuFd;
        this.scratch = scratch;
    }

    KvmRegs getRegs() {
        return KvmRegsCodec.decode(get("KVM_GET_REGS", KvmIoctl.KVM_GET_REGS, KvmIoctl.SIZEOF_KVM_REGS));
    }

    void setRegs(KvmRegs regs) {
        set("KVM_SET_REGS", KvmIoctl.KVM_SET_REGS, KvmRegsCodec.encode(regs));
    }

    KvmSregs getSregs() {
        return KvmSregsCodec.decode(get("KVM_GET_SREGS", KvmIoctl.KVM_GET_SREGS, KvmIoctl.SIZEOF_KVM_SREGS));
    }

    void setSregs(KvmSregs sregs) {
        set("KVM_SET_SREGS", KvmIoctl.KVM_SET_SREGS, KvmSregsCodec.encode(sregs));
    }

    private byte[] get(String name, long request, int size) {
        Pointer p = buffer(size);
        check(name, nat.libc.ioctl(vcpuFd, request, p));
        byte[] bytes = new byte[size];
        p.get(0, bytes, 0, size);
        return bytes;
    }

    private void set(String name, long request, byte[] bytes) {
        Pointer p = buffer(bytes.length);
        p.put(0, bytes, 0, bytes.length);
        check(name, nat.libc.ioctl(vcpuFd, request, p));
    }

    private Pointer buffer(int size) {
        try {
            return scratch.get(size);
        } catch (BackendException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void check(String name, int r) {
        if (r < 0) {
            throw new IllegalStateException(name + " failed with -" + Errno.name(nat.errno()));
        }
    }
}
