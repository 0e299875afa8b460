package dev.memscope.views.events;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.TraceEvent;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which events the log shows: a set of kinds, and gfn ranges an event must touch (a typed gfn range, the ECAM
 * pages of a bus/device/function). Immutable; {@link #matches} never formats an event.
 *
 * @param ranges every one must be touched; empty: no address condition
 * @param mmu how to read addresses that are gpas only without shadow paging (see {@link EventAddresses})
 */
public record EventFilter(Set<EventKind> kinds, List<GfnRange> ranges, MmuMode mmu) {
    public static final EventFilter ALL = new EventFilter(EnumSet.allOf(EventKind.class), List.of(), MmuMode.TDP);

    public EventFilter {
        EnumSet<EventKind> copy = EnumSet.noneOf(EventKind.class);
        copy.addAll(kinds);
        kinds = Collections.unmodifiableSet(copy); // an EnumSet underneath: contains() is a bit test
        ranges = List.copyOf(ranges);
    }

    public boolean matches(TraceEvent e) {
        if (!kinds.contains(e.kind())) {
            return false;
        }
        for (GfnRange r : ranges) {
            if (!EventAddresses.touches(e, mmu, r.first(), r.last())) {
                return false;
            }
        }
        return true;
    }

    public boolean showsEverything() {
        return ranges.isEmpty() && kinds.size() == EventKind.values().length;
    }
}
