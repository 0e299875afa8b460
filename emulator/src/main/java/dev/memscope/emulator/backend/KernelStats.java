package dev.memscope.emulator.backend;

import java.util.Map;

/** A backend that can read the kernel's own KVM statistics (the binary stats fd: KVM_GET_STATS_FD). */
public interface KernelStats {
    /** vCPU counters by the kernel's names ({@code pf_fixed}, {@code exits}, ...), VM counters as {@code vm.NAME}. */
    Map<String, Long> stats() throws BackendException;
}
