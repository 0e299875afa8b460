package dev.memscope.views.events;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/** The "Break when ..." offers for one event of the log, from what the event is about. */
public final class EventBreakpoints {
    private EventBreakpoints() {
    }

    /**
     * @param ecamBuses 0 when no ECAM window is known
     */
    public static List<Breakpoint> offers(TraceEvent e, MmuMode mmu, long ecamBase, int ecamBuses) {
        List<Breakpoint> out = new ArrayList<>();
        long gfn = EventAddresses.firstGfn(e, mmu);
        long gpa = EventAddresses.gpa(e, mmu);
        if (gfn != EventAddresses.NONE) {
            out.add(new Breakpoint.SpteChange(gfn));
            long page = gpa & ~0xFFFL;
            out.add(new Breakpoint.GpaRange(page, page + 0x1000));
            BdfPattern bdf = ecamBuses > 0 ? BdfPattern.of(gpa, ecamBase, ecamBuses) : null;
            if (bdf != null) {
                out.add(new Breakpoint.HoleHit(bdf.bus(), bdf.device(), bdf.function()));
            }
        }
        if (e.kind() == EventKind.KVM_USERSPACE_EXIT && e.a1() >= 0) {
            out.add(new Breakpoint.ExitReason((int) e.a0()));
        }
        if (e.kind() == EventKind.MEMSLOT_COMMIT) {
            out.add(new Breakpoint.MemslotChange());
        }
        return out;
    }
}
