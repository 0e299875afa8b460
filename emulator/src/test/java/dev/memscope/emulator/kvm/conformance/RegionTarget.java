package dev.memscope.emulator.kvm.conformance;

import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.MemoryBacking;

/**
 * The small surface the errno tables run against: a fresh VM with one vCPU. {@link ModelTarget} is the KVM model;
 * {@link BackendTarget} adapts any {@code VmBackend} (the real {@code /dev/kvm} one included).
 */
public interface RegionTarget extends AutoCloseable {
    /** mmap of anonymous (or huge) memory; returns the HVA. */
    long mmap(long bytes, MemoryBacking backing);

    /** {@code KVM_SET_USER_MEMORY_REGION}: 0 or -errno. */
    int setUserMemoryRegion(int slot, int flags, long gpa, long size, long uaddr);

    /** {@code KVM_PRE_FAULT_MEMORY}: 0 or -errno, the range written back. */
    int preFaultMemory(KvmPreFaultMemory range);

    /** Whether this target is the model (rows that exist only in the proposals or need model knobs run only there). */
    boolean isModel();

    @Override
    default void close() {
    }

    /** Makes fresh targets. */
    interface Factory {
        RegionTarget create();

        /** Null when usable, else why not (no /dev/kvm, capability missing...). */
        default String unusableReason() {
            return null;
        }
    }
}
