package dev.memscope.views.panekit;

import dev.memscope.emulator.api.PrefetchDecision;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Builds {@link PrefetchDecision}s for fixtures by the names of its components, so the fixtures survive the record
 * growing components (the kvm-model branch adds {@code tablesAllocated} and {@code mayExhaustCache}); components a
 * fixture does not name get 0, false or null.
 */
public final class Decisions {
    private Decisions() {
    }

    public static PrefetchDecision prefetch(PrefetchDecision.Policy policy, PrefetchDecision.Reason reason,
            long faultGfn, long windowStartGfn, int windowPages, int mapped, long stopGfn) {
        RecordComponent[] parts = PrefetchDecision.class.getRecordComponents();
        Object[] args = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Class<?> t = parts[i].getType();
            args[i] = switch (parts[i].getName()) {
                case "policy" -> policy;
                case "reason" -> reason;
                case "faultGfn" -> faultGfn;
                case "windowStartGfn" -> windowStartGfn;
                case "windowPages" -> windowPages;
                case "mapped" -> mapped;
                case "stopGfn" -> stopGfn;
                default -> t == int.class ? (Object) 0 : t == long.class ? (Object) 0L
                        : t == boolean.class ? (Object) false : null;
            };
        }
        try {
            Constructor<PrefetchDecision> c = PrefetchDecision.class.getDeclaredConstructor(
                    Arrays.stream(parts).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
