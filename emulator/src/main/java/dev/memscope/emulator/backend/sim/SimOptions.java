package dev.memscope.emulator.backend.sim;

import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.kvm.KvmConfig;

/**
 * How the simulated backend is built: the MMU mode and the ALLONES prefetch policy by their command-line names,
 * whether MMIO SPTEs are cached ({@code kvm.mmio_caching}; off to compare with a host that has it off), and the cost
 * model's overrides (a calibration from a real-KVM run): nanoseconds per event kind, picoseconds per instruction
 * (0 keeps the default).
 */
public record SimOptions(MmuMode mmu, String prefetchPolicy, boolean mmioCaching,
        java.util.Map<dev.memscope.emulator.api.EventKind, Long> costNanos, long picosPerInstruction,
        int eventCapacity) {
    public SimOptions {
        costNanos = java.util.Map.copyOf(costNanos);
    }

    public SimOptions(MmuMode mmu, String prefetchPolicy, boolean mmioCaching) {
        this(mmu, prefetchPolicy, mmioCaching, java.util.Map.of(), 0, 0);
    }

    /** Events the model's log keeps ({@code 0}: the model's default, 65,536). */
    public SimOptions withEventCapacity(int events) {
        return new SimOptions(mmu, prefetchPolicy, mmioCaching, costNanos, picosPerInstruction, events);
    }

    public static SimOptions defaults() {
        return new SimOptions(MmuMode.TDP, "kernel", true);
    }

    public SimOptions withCosts(java.util.Map<dev.memscope.emulator.api.EventKind, Long> nanos, long picos) {
        return new SimOptions(mmu, prefetchPolicy, mmioCaching, nanos, picos, eventCapacity);
    }

    /** The prefetch policies by name: {@code kernel}, {@code whole-slot}, {@code bounded-2m}, {@code none}. */
    public static PrefetchDecision.Policy policy(String name) {
        return switch (name) {
            case "kernel" -> PrefetchDecision.Policy.KERNEL_WINDOW;
            case "whole-slot" -> PrefetchDecision.Policy.WHOLE_SLOT;
            case "bounded-2m" -> PrefetchDecision.Policy.BOUNDED_2M;
            case "none" -> PrefetchDecision.Policy.NONE;
            default -> throw new IllegalArgumentException("unknown prefetch policy '" + name
                    + "'; choose kernel, whole-slot, bounded-2m or none");
        };
    }

    KvmConfig kvmConfig() {
        dev.memscope.emulator.kvm.MmuMode mode = switch (mmu) {
            case TDP -> dev.memscope.emulator.kvm.MmuMode.TDP;
            case DIRECT -> dev.memscope.emulator.kvm.MmuMode.LEGACY_DIRECT;
            case SHADOW -> dev.memscope.emulator.kvm.MmuMode.SHADOW;
        };
        KvmConfig c = KvmConfig.defaults(mode).withAllonesPrefetch(policy(prefetchPolicy)).withMmioCaching(mmioCaching);
        return eventCapacity > 0 ? c.withEventCapacity(eventCapacity) : c;
    }
}
