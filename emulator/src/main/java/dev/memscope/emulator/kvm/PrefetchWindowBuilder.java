package dev.memscope.emulator.kvm;

import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.PrefetchWindow;
import dev.memscope.emulator.api.PrefetchWindow.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the prefetch step did to each candidate of one fault's window, and makes the {@link PrefetchWindow}
 * the Prefetch pane shows. The decision logic stays in {@link Prefetch}; this only writes down, per window index, the
 * outcome the kernel's checks reached.
 */
final class PrefetchWindowBuilder {
    private final KvmMmuPage sp;
    private final int first;
    private final Outcome[] outcomes;

    /** For the kernel's aligned window: {@code pages} entries of {@code sp} from index {@code first}. */
    PrefetchWindowBuilder(KvmMmuPage sp, int first, int pages) {
        this.sp = sp;
        this.first = first;
        this.outcomes = new Outcome[pages];
    }

    void set(int index, Outcome o) {
        outcomes[index - first] = o;
    }

    /** A run [start, end) failed at its first gfn: the rest of the run shares it, the rest of the window is lost. */
    void runFailed(int start, int end, Outcome why) {
        set(start, why);
        for (int i = start + 1; i < end; i++) {
            set(i, Outcome.IN_FAILED_RUN);
        }
        for (int i = end; i < first + outcomes.length; i++) {
            if (outcomes[i - first] == null) {
                set(i, Outcome.ABORTED_EARLIER_RUN);
            }
        }
    }

    /** Every index not yet decided was not reached (the walk stopped before it). */
    void fillAborted() {
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = Outcome.ABORTED_EARLIER_RUN;
            }
        }
    }

    List<PrefetchWindow.Candidate> candidates(KvmVcpu v) {
        List<PrefetchWindow.Candidate> out = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            long gfn = sp.getGfn(first + i);
            Memslot slot = v.memslots().gfnToMemslot(gfn);
            out.add(new PrefetchWindow.Candidate(gfn, 1, outcomes[i] == null ? Outcome.ABORTED_EARLIER_RUN
                    : outcomes[i], slot == null ? -1 : slot.id(), sp.spt[first + i]));
        }
        return out;
    }

    static PrefetchWindow window(KvmPageFault f, PrefetchDecision d, List<PrefetchWindow.Candidate> candidates) {
        MmuMode mode = switch (f.vcpu.kvm().config().mmuMode()) {
            case TDP -> MmuMode.TDP;
            case LEGACY_DIRECT -> MmuMode.DIRECT;
            case SHADOW -> MmuMode.SHADOW;
        };
        KvmMmuPage leaf = f.leafSp;
        int windowPages = 0;
        for (int i = 0; i < candidates.size(); i++) { // no stream or iterator: this runs on every fault
            windowPages += candidates.get(i).pages();
        }
        return new PrefetchWindow(f.seq, f.gfn, d.policy(), d.reason(), mode, leaf == null ? 0 : leaf.level(),
                leaf == null ? -1 : leaf.tablePfn(), leaf == null ? -1 : f.leafIndex,
                candidates.isEmpty() ? d.windowStartGfn() : candidates.get(0).gfn(), windowPages, candidates,
                d.mapped(), d.stopGfn(), d.tablesAllocated(), d.mayExhaustCache());
    }

    /** The ALLONES loops: merged runs of prefetched and already-present gfns around the faulting one. */
    static List<PrefetchWindow.Candidate> allonesRuns(KvmPageFault f, Memslot slot, long lo, long hi,
            boolean[] presentBefore) {
        List<PrefetchWindow.Candidate> out = new ArrayList<>();
        long runStart = lo;
        Outcome runOutcome = null;
        for (long gfn = lo; gfn <= hi; gfn++) {
            Outcome o = gfn == hi ? null : gfn == f.gfn ? Outcome.FAULTING_ENTRY
                    : presentBefore[(int) (gfn - lo)] ? Outcome.ALREADY_PRESENT : Outcome.PREFETCHED;
            if (o != runOutcome) {
                if (runOutcome != null) {
                    out.add(new PrefetchWindow.Candidate(runStart, (int) (gfn - runStart), runOutcome, slot.id(), 0));
                }
                runStart = gfn;
                runOutcome = o;
            }
        }
        return out;
    }
}
