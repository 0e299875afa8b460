package dev.memscope.emulator.backend.rules;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmCap;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.VmBackend;
import java.util.Optional;

/** What a backend must offer for a table row to apply; a row that does not apply is skipped with the reason. */
public enum Requirement {
    NONE,
    /** {@code KVM_CAP_READONLY_MEM}: the READONLY flag is valid. */
    READONLY_MEM,
    /** {@code KVM_CAP_MULTI_ADDRESS_SPACE} >= 2: address space 1 (SMM) exists. */
    SMM_ADDRESS_SPACE,
    /** Only address space 0: a kernel built without SMM answers {@code KVM_CAP_MULTI_ADDRESS_SPACE} with 0. */
    ONE_ADDRESS_SPACE,
    /** The kernel has the {@code KVM_PRE_FAULT_MEMORY} ioctl (Linux 6.10+), whatever its MMU lets it do. */
    PRE_FAULT_IOCTL,
    /** The ioctl exists but {@code KVM_CAP_PRE_FAULT_MEMORY} is 0 (x86: no TDP MMU, e.g. shadow paging). */
    PRE_FAULT_IOCTL_WITHOUT_CAP,
    /** {@code KVM_CAP_PRE_FAULT_MEMORY}: pre-faulting works (x86: the TDP MMU). */
    PRE_FAULT_MEMORY;

    /** Why the row does not apply to {@code backend}, or empty when it does. */
    public Optional<String> unmet(VmBackend backend) {
        return switch (this) {
            case NONE -> Optional.empty();
            case READONLY_MEM -> capAtLeast(backend, KvmCap.READONLY_MEM, 1);
            case SMM_ADDRESS_SPACE -> capAtLeast(backend, KvmCap.MULTI_ADDRESS_SPACE, 2);
            case ONE_ADDRESS_SPACE -> backend.checkExtension(KvmCap.MULTI_ADDRESS_SPACE) < 2 ? Optional.empty()
                    : Optional.of(backend.name() + " has an SMM address space");
            case PRE_FAULT_IOCTL -> hasPreFaultIoctl(backend) ? Optional.empty()
                    : Optional.of(backend.name() + " has no KVM_PRE_FAULT_MEMORY ioctl (Linux 6.10+): a valid "
                            + "request is refused as an unknown ioctl");
            case PRE_FAULT_IOCTL_WITHOUT_CAP -> hasPreFaultIoctl(backend)
                    && backend.checkExtension(KvmCap.PRE_FAULT_MEMORY) == 0 ? Optional.empty()
                    : Optional.of("only for a kernel that has the ioctl but answers KVM_CAP_PRE_FAULT_MEMORY = 0");
            case PRE_FAULT_MEMORY -> capAtLeast(backend, KvmCap.PRE_FAULT_MEMORY, 1).map(s -> s
                    + " (x86 offers it only with the TDP MMU; shadow paging cannot pre-fault)");
        };
    }

    private static Optional<String> capAtLeast(VmBackend backend, int cap, int min) {
        int value = backend.checkExtension(cap);
        return value >= min ? Optional.empty()
                : Optional.of(backend.name() + " answers " + KvmCap.name(cap) + " = " + value);
    }

    /**
     * A well-formed request tells: before Linux 6.10 x86 answered the unknown vCPU ioctl with -EINVAL (-ENOTTY
     * elsewhere); since, the generic layer accepts it and the arch layer answers (0, -ENOENT, -EOPNOTSUPP...).
     */
    private static boolean hasPreFaultIoctl(VmBackend backend) {
        int r = backend.preFaultMemory(new KvmPreFaultMemory(0, 4096));
        return r != -Errno.EINVAL && r != -Errno.ENOTTY;
    }
}
