package dev.memscope.emulator.vmm;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmPreFaultMemory;

/** One KVM_PRE_FAULT_MEMORY call the VMM made: the struct before and after, and what the ioctl returned. */
public record PreFaultCall(String label, KvmPreFaultMemory before, KvmPreFaultMemory after, int result) {
    @Override
    public String toString() {
        return String.format("%s: KVM_PRE_FAULT_MEMORY %s -> %s, left %s", label, before, Errno.describeResult(result),
                after);
    }
}
