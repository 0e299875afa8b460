package dev.memscope.app.session;

import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Waits, off the JavaFX thread, for the machine to publish a snapshot that satisfies a condition. */
final class MachineWait {
    private MachineWait() {
    }

    /** The first snapshot that satisfies {@code condition}, or null when {@code deadlineNanos} passed first. */
    static MachineSnapshot until(MachineControl m, Predicate<MachineSnapshot> condition, long deadlineNanos) {
        while (true) {
            MachineSnapshot s = m.snapshot();
            if (condition.test(s)) {
                return s;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                return null;
            }
            LockSupport.parkNanos(1_000_000L);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
