package dev.memscope.emulator.backend.rules;

import dev.memscope.emulator.backend.KvmPreFaultMemory;
import java.util.List;

/**
 * One row of the {@code KVM_PRE_FAULT_MEMORY} table: after the memslots of {@code setup}, the request returns
 * {@code expected} and leaves {@code expectedSizeLeft} in {@code size}.
 */
public record PreFaultRule(String name, String source, Requirement requirement, List<MemslotRegion> setup,
        KvmPreFaultMemory request, int expected, long expectedSizeLeft) {
    public PreFaultRule {
        setup = List.copyOf(setup);
        request = request.copy();
    }

    @Override
    public KvmPreFaultMemory request() {
        return request.copy();
    }
}
