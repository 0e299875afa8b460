package dev.memscope.emulator.api;

/**
 * One {@code KVM_PRE_FAULT_MEMORY} call as a view shows it (Documentation/virt/kvm/api.rst 4.143): what was asked,
 * what the ioctl returned and what it left in the struct.
 *
 * @param ret 0 or -errno, as the ioctl returns it
 * @param gpaAfter {@code range.gpa} after the call (the first gpa not processed)
 * @param sizeAfter {@code range.size} after the call (0 when everything was processed)
 * @param steps how many {@code kvm_arch_vcpu_pre_fault_memory} calls made progress
 */
public record PreFaultResult(long gpaBefore, long sizeBefore, long flags, int ret, long gpaAfter, long sizeAfter,
        int steps) {
}
