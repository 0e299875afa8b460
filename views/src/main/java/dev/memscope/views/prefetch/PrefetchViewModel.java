package dev.memscope.views.prefetch;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.PrefetchDecision;
import dev.memscope.emulator.api.PrefetchWindow;
import dev.memscope.emulator.api.RunState;
import dev.memscope.views.common.Hex;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.common.Breakpoints;
import dev.memscope.views.gpa.EcamWindow;
import dev.memscope.views.panekit.FaultFocus;
import dev.memscope.views.gpa.MemslotFlags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Prefetch pane shows for one fault (the one in focus, else the newest whose prefetch step ran): the
 * policy, the window around the faulting SPTE and each candidate's outcome. The per-candidate {@link PrefetchWindow}
 * is asked for only while the pane is showing; without it the pane shows what the fault's {@link PrefetchDecision}
 * says.
 */
public final class PrefetchViewModel implements PaneModel {
    /** The kernel's {@code PTE_PREFETCH_NUM}. */
    static final int PTE_PREFETCH_NUM = 8;
    private static final int CACHE = 64;
    private final MachineControl machine;
    private final WindowSource source;
    private final FaultFocus focus;
    private final ObservableList<FaultRecord> faults = FXCollections.observableArrayList();
    private final ObservableList<CandidateRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FaultRecord> fault = new ReadOnlyObjectWrapper<>(this, "fault");
    private final ReadOnlyObjectWrapper<PrefetchWindow> window = new ReadOnlyObjectWrapper<>(this, "window");
    private final ReadOnlyStringWrapper policy = new ReadOnlyStringWrapper(this, "policy", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "No guest loaded.");
    private final Map<Long, Optional<PrefetchWindow>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Optional<PrefetchWindow>> e) {
            return size() > CACHE;
        }
    };
    private MachineSnapshot snapshot;
    private boolean showing;
    private long asked = -1;

    public PrefetchViewModel(MachineControl machine, WindowSource source, FaultFocus focus) {
        this.machine = machine;
        this.source = source;
        this.focus = focus;
        focus.pinnedProperty().addListener((obs, was, is) -> select());
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        if (snapshot != null && s.version() == snapshot.version()) {
            return;
        }
        if (snapshot != null && s.state() == RunState.READY && snapshot.state() != RunState.READY) {
            cache.clear(); // a reset: fault numbers start over
        }
        snapshot = s;
        if (s.state() == RunState.NO_GUEST || s.setup() == null) {
            message.set("No guest loaded.");
            faults.clear();
            select();
            return;
        }
        if (!s.kernelInternalsVisible()) {
            message.set("The kernel does not expose its prefetch decisions: on real KVM, direct_pte_prefetch() "
                    + "leaves no trace but the SPTEs it installs. Run the guest on the simulated backend "
                    + "(--backend sim) to see each candidate.");
            faults.clear();
            select();
            return;
        }
        List<FaultRecord> list = new ArrayList<>();
        FaultRecord current = s.currentFault();
        if (current != null && s.recentFaults().stream().noneMatch(r -> r.seq() == current.seq())) {
            list.add(current);
        }
        for (int i = s.recentFaults().size() - 1; i >= 0; i--) {
            list.add(s.recentFaults().get(i));
        }
        faults.setAll(list);
        message.set(list.isEmpty() ? "No page fault yet." : "");
        select();
    }

    public void setShowing(boolean showing) {
        this.showing = showing;
        askIfNeeded();
    }

    private void select() {
        Long pinned = focus.pinnedProperty().get();
        FaultRecord pick = null;
        note.set("");
        if (pinned != null) {
            pick = faults.stream().filter(f -> f.seq() == pinned).findFirst().orElse(null);
        }
        if (pick == null) {
            pick = faults.stream().filter(f -> f.prefetchDecision() != null).findFirst().orElse(null);
            if (pick != null && !faults.isEmpty() && faults.get(0) != pick) {
                FaultRecord newest = faults.get(0);
                note.set("#" + newest.seq() + (isCurrent(newest) ? " has not reached its prefetch step yet"
                        : " had no prefetch step") + "; showing #" + pick.seq() + ".");
            }
        }
        fault.set(pick);
        show();
    }

    private boolean isCurrent(FaultRecord f) {
        return snapshot != null && snapshot.currentFault() != null && snapshot.currentFault().seq() == f.seq();
    }

    private void show() {
        FaultRecord f = fault.get();
        if (f == null) {
            rows.clear();
            window.set(null);
            policy.set("");
            summary.set(faults.isEmpty() ? "" : "No fault has run its prefetch step yet.");
            return;
        }
        Optional<PrefetchWindow> known = cache.get(f.seq());
        PrefetchWindow w = known == null ? null : known.orElse(null);
        window.set(w);
        PrefetchDecision d = f.prefetchDecision();
        if (d == null) {
            rows.setAll(notWalked(f.gfn()));
            policy.set("");
            summary.set(isCurrent(f) ? "This fault has not reached its prefetch step yet."
                    : "This fault ended before the prefetch step (" + (f.result() == null ? "errno"
                    : f.result().kernelName()) + ").");
            return;
        }
        policy.set("Policy: " + PolicyText.policy(d.policy()) + " \u00b7 MMU " + f.mmu());
        if (w != null) {
            rows.setAll(w.candidates().isEmpty() ? notWalked(f.gfn()) : fromWindow(w));
            summary.set(PolicyText.summary(w, d));
        } else {
            rows.setAll(d.windowPages() > 0 ? fromDecision(d) : notWalked(f.gfn()));
            summary.set(PolicyText.summary(d, known != null));
        }
        askIfNeeded();
    }

    private void askIfNeeded() {
        FaultRecord f = fault.get();
        if (!showing || f == null || f.prefetchDecision() == null || cache.containsKey(f.seq())
                || asked == f.seq()) {
            return;
        }
        long seq = f.seq();
        asked = seq;
        source.window(seq, answer -> {
            cache.put(seq, answer);
            asked = -1;
            if (fault.get() != null && fault.get().seq() == seq) {
                show();
            }
        }, error -> {
            asked = -1;
            note.set("Could not read the prefetch window: " + error.getMessage());
        });
    }

    private List<CandidateRow> fromWindow(PrefetchWindow w) {
        List<CandidateRow> out = new ArrayList<>();
        for (PrefetchWindow.Candidate c : w.candidates()) {
            out.add(row(c.gfn(), c.pages(), Shown.of(c.outcome()), c.spte()));
        }
        return out;
    }

    private List<CandidateRow> fromDecision(PrefetchDecision d) {
        List<CandidateRow> out = new ArrayList<>();
        if (d.windowPages() > 512) {
            out.add(row(d.windowStartGfn(), d.windowPages(), Shown.UNKNOWN, 0));
            return out;
        }
        for (long g = d.windowStartGfn(); g < d.windowStartGfn() + d.windowPages(); g++) {
            out.add(row(g, 1, g == d.faultGfn() ? Shown.FAULTING_ENTRY : Shown.UNKNOWN, 0));
        }
        return out;
    }

    /** The aligned 8-entry window the kernel would consider around {@code gfn}, none of it walked. */
    private List<CandidateRow> notWalked(long gfn) {
        List<CandidateRow> out = new ArrayList<>();
        long start = gfn & -PTE_PREFETCH_NUM;
        for (long g = start; g < start + PTE_PREFETCH_NUM; g++) {
            out.add(row(g, 1, g == gfn ? Shown.FAULTING_ENTRY : Shown.NOT_WALKED, 0));
        }
        return out;
    }

    private CandidateRow row(long gfn, int pages, Shown shown, long spte) {
        MemslotInfo slot = slotOf(gfn);
        String where = snapshot == null ? null : EcamWindow.bdfOf(snapshot.setup(), gfn << 12);
        if (where == null) {
            where = snapshot != null && snapshot.setup() != null && gfn << 12 < snapshot.setup().ramBytes()
                    ? "RAM" : "";
        }
        return new CandidateRow(gfn, pages, shown, slot == null ? -1 : slot.id(),
                slot == null ? "none" : slot.id() + (slot.flags() == 0 ? "" : " " + MemslotFlags.describe(
                        slot.flags())), where, spte);
    }

    private MemslotInfo slotOf(long gfn) {
        if (snapshot == null) {
            return null;
        }
        for (MemslotInfo m : snapshot.memslots()) {
            if (m.asId() == 0 && gfn >= m.baseGfn() && gfn < m.baseGfn() + m.npages()) {
                return m;
            }
        }
        return null;
    }

    public void pin(FaultRecord f) {
        if (f != null) {
            focus.pin(f.seq());
        }
    }

    public void follow() {
        focus.follow();
    }

    /** "Break when the SPTE of this gfn changes." */
    public void breakOnSpte(CandidateRow row) {
        add(new Breakpoint.SpteChange(row.gfn()));
    }

    /** "Break on a config access to this function" (ECAM gfns only). */
    public void breakOnHoleHit(CandidateRow row) {
        int[] bdf = snapshot == null ? null : EcamWindow.splitOf(snapshot.setup(), row.gfn() << 12);
        if (bdf != null) {
            add(new Breakpoint.HoleHit(bdf[0], bdf[1], bdf[2]));
        }
    }

    private void add(Breakpoint b) {
        note.set((Breakpoints.add(machine, b) ? "Breakpoint set: " : "Already set: ") + b.describe());
    }

    /** A fault in the chooser: {@code #41 R 0xb00f9000 00:1f.1}. */
    public String faultLine(FaultRecord f) {
        String bdf = snapshot == null ? null : EcamWindow.bdfOf(snapshot.setup(), f.isTdp() ? f.addr() : f.gpa());
        String access = f.rsvd() ? "M" : f.exec() ? "F" : f.write() ? "W" : "R";
        return "#" + f.seq() + " " + access + " " + Hex.of(f.addr()) + (bdf == null ? "" : " " + bdf)
                + (f.prefetchDecision() == null ? "  (no prefetch step)" : "");
    }

    public ObservableList<FaultRecord> faults() {
        return faults;
    }

    public ObservableList<CandidateRow> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<FaultRecord> faultProperty() {
        return fault.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PrefetchWindow> windowProperty() {
        return window.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty policyProperty() {
        return policy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public FaultFocus focus() {
        return focus;
    }

    private final javafx.beans.property.ObjectProperty<List<dev.memscope.emulator.api.Highlight>> highlights =
            new javafx.beans.property.SimpleObjectProperty<>(this, "highlights", List.of());

    /** What a lesson step points at: the candidates it names ({@code candidate:}) are marked. */
    public javafx.beans.property.ObjectProperty<List<dev.memscope.emulator.api.Highlight>> highlightsProperty() {
        return highlights;
    }

    public boolean isHighlighted(CandidateRow row) {
        return row != null && highlights.get().stream().anyMatch(h -> h instanceof
                dev.memscope.emulator.api.Highlight.Candidate c && row.contains(c.gfn()));
    }
}
