package dev.memscope.emulator.api;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Implemented by a {@link MachineControl} that can explain its prefetch step per candidate (the simulated backend;
 * real KVM cannot). Views check for it with {@code instanceof}; without it the Prefetch pane shows the
 * {@link PrefetchDecision} summary only.
 */
public interface PrefetchWindows {
    /**
     * The window of the fault with this {@link FaultRecord#seq()}, if the machine still remembers it (it keeps at
     * least the faults of {@link MachineSnapshot#recentFaults()} and the current one once its PREFETCH phase ran).
     * Completed on the machine thread, like {@link MachineControl#query}.
     */
    CompletableFuture<Optional<PrefetchWindow>> prefetchWindow(long faultSeq);
}
