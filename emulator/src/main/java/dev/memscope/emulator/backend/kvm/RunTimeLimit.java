package dev.memscope.emulator.backend.kvm;

/**
 * Turns an instruction budget into a wall-clock limit, because real KVM runs the guest without counting its
 * instructions. The rate assumed is one instruction per nanosecond, about what a guest does on hardware
 * virtualization; under kvm_pvm, where ring-0 guest code is trapped (about 1.5 million instructions per second,
 * TOOLCHAIN.md), a budget therefore lets roughly 700 times fewer instructions run. Either way the budget is a time
 * slice for the run loop, not a count: the exits a run makes are what is exact.
 */
public final class RunTimeLimit {
    /** No limit: run until an exit or a stop request. */
    public static final long NONE = VcpuRun.NO_LIMIT;
    /** Guest instructions assumed per second. */
    public static final long ASSUMED_INSTRUCTIONS_PER_SECOND = 1_000_000_000L;
    /** The shortest limit worth a timer: below this the kick would cost more than the slice. */
    public static final long MIN_NANOS = 1_000_000L;

    private RunTimeLimit() {
    }

    /** {@code NONE} for {@code Long.MAX_VALUE}, 0 for a budget of 0 or less, else at least {@link #MIN_NANOS}. */
    public static long forBudget(long instructionBudget) {
        if (instructionBudget == Long.MAX_VALUE) {
            return NONE;
        }
        if (instructionBudget <= 0) {
            return 0;
        }
        long nanos = instructionBudget / (ASSUMED_INSTRUCTIONS_PER_SECOND / 1_000_000_000L);
        return Math.max(nanos, MIN_NANOS);
    }
}
