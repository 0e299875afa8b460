package dev.memscope.emulator.session;

import dev.memscope.emulator.api.MachineSnapshot;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Waiting for the machine thread from a test: polls its snapshot until the condition holds or time runs out. */
public final class Awaits {
    private Awaits() {
    }

    /** Within 10 seconds. */
    public static MachineSnapshot await(Machine m, Predicate<MachineSnapshot> condition) {
        return await(m, Duration.ofSeconds(10), condition);
    }

    public static MachineSnapshot await(Machine m, Duration limit, Predicate<MachineSnapshot> condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            MachineSnapshot s = m.snapshot();
            if (condition.test(s)) {
                return s;
            }
            LockSupport.parkNanos(1_000_000);
        }
        throw new AssertionError("timed out; last snapshot: " + m.snapshot().state() + " " + m.snapshot().stopReason());
    }
}
