package dev.memscope.emulator.backend.rules;

import java.util.List;

/**
 * One row of the {@code KVM_SET_USER_MEMORY_REGION} table: after {@code setup} (each must return 0), {@code op}
 * returns {@code expected} (0 or -errno).
 *
 * @param source the kernel function and check the expected answer comes from
 */
public record MemslotRule(String name, String source, Requirement requirement, List<MemslotRegion> setup,
        MemslotRegion op, int expected) {
    public MemslotRule {
        setup = List.copyOf(setup);
    }
}
