package dev.memscope.views.faults;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.views.common.Hex;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.common.Breakpoints;
import dev.memscope.views.gpa.EcamWindow;
import dev.memscope.views.panekit.FaultFocus;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the fault stepper shows: the fault in focus told phase by phase (the current one, marked where the machine is
 * stopped inside it, or one picked from the history), the history of recent faults, and the two stepping commands.
 * Everything comes from the snapshot; nothing is queried.
 */
public final class FaultsViewModel implements PaneModel {
    private final MachineControl machine;
    private final FaultFocus focus;
    private final ObservableList<FaultRecord> history = FXCollections.observableArrayList();
    private final ObservableList<PhaseCard> cards = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FaultRecord> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper(this, "header", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "No guest loaded.");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyBooleanWrapper canStepPhase = new ReadOnlyBooleanWrapper(this, "canStepPhase");
    private final ReadOnlyBooleanWrapper canRunToFault = new ReadOnlyBooleanWrapper(this, "canRunToFault");
    private MachineSnapshot snapshot;
    private final javafx.beans.property.ObjectProperty<List<dev.memscope.emulator.api.Highlight>> highlights =
            new javafx.beans.property.SimpleObjectProperty<>(this, "highlights", List.of());

    public FaultsViewModel(MachineControl machine, FaultFocus focus) {
        this.machine = machine;
        this.focus = focus;
        focus.pinnedProperty().addListener((obs, was, is) -> select());
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        if (snapshot != null && s.version() == snapshot.version()) {
            return;
        }
        snapshot = s;
        boolean stopped = s.state() == RunState.READY || s.state() == RunState.STOPPED;
        boolean phaseOk = machine.canStep(StepKind.FAULT_PHASE);
        canStepPhase.set(stopped && phaseOk);
        canRunToFault.set(stopped && machine.canStep(StepKind.PAGE_FAULT));
        note.set(!phaseOk ? "This backend cannot stop inside a fault (real KVM runs the fault path in the kernel)."
                : s.state() == RunState.RUNNING ? "Running: pause, or set a breakpoint, to step the fault path."
                : "");
        if (s.state() == RunState.NO_GUEST || s.setup() == null) {
            message.set("No guest loaded.");
            history.clear();
            select();
            return;
        }
        if (!s.kernelInternalsVisible()) {
            message.set("The kernel does not expose its fault path: real KVM gives no per-fault record "
                    + "(struct kvm_page_fault lives on the kernel stack). trace-cmd -e kvmmmu shows some of it; run "
                    + "the guest on the simulated backend (--backend sim) to step it here.");
            history.clear();
            select();
            return;
        }
        List<FaultRecord> list = new ArrayList<>();
        FaultRecord current = s.currentFault();
        List<FaultRecord> recent = s.recentFaults();
        if (current != null && recent.stream().noneMatch(r -> r.seq() == current.seq())) {
            list.add(current);
        }
        for (int i = recent.size() - 1; i >= 0; i--) {
            list.add(recent.get(i));
        }
        history.setAll(list);
        message.set(list.isEmpty() ? "No page fault yet. \u201cRun to next fault\u201d stops at the first one." : "");
        select();
    }

    private void select() {
        Long pinned = focus.pinnedProperty().get();
        FaultRecord pick = null;
        if (pinned != null) {
            pick = history.stream().filter(r -> r.seq() == pinned).findFirst().orElse(null);
            if (pick == null && shown.get() != null && shown.get().seq() == pinned) {
                pick = shown.get(); // aged out of the history: keep showing it
            }
        }
        if (pick == null && !history.isEmpty()) {
            pick = history.get(0);
        }
        shown.set(pick);
        if (pick == null) {
            cards.clear();
            header.set("");
            return;
        }
        boolean inProgress = isInProgress(pick);
        cards.setAll(FaultStory.cards(pick, inProgress, snapshot == null ? null : snapshot.setup()));
        header.set(headline(pick) + (inProgress ? "  \u00b7  " + progress(pick) : "  \u00b7  " + resultText(pick)));
    }

    /** Whether the machine is stopped inside this fault. */
    public boolean isInProgress(FaultRecord f) {
        FaultRecord current = snapshot == null ? null : snapshot.currentFault();
        return current != null && current.seq() == f.seq();
    }

    /** {@code #16 read gpa 0xb0028000 (00:05.0 reg 0x000)}. */
    public String headline(FaultRecord f) {
        long gpa = f.isTdp() ? f.addr() : f.gpa();
        String ecam = snapshot == null ? null : EcamWindow.describeOf(snapshot.setup(), gpa);
        return "#" + f.seq() + " " + ErrorCode.access(f) + (f.isTdp() ? " gpa " : " gva ") + Hex.of(f.addr())
                + (ecam == null ? "" : " (" + ecam + ")");
    }

    /** The ECAM function a fault touched ({@code 00:05.0}), or null. */
    public String bdf(FaultRecord f) {
        return snapshot == null ? null : EcamWindow.bdfOf(snapshot.setup(), f.isTdp() ? f.addr() : f.gpa());
    }

    private static String progress(FaultRecord f) {
        if (f.result() != null) {
            return "done: " + f.result().kernelName();
        }
        return f.phases().isEmpty() ? "starting" : "stopped after " + f.phases().get(f.phases().size() - 1).label();
    }

    /** {@code RET_PF_FIXED}, or {@code stopped after map} for the fault in progress. */
    public String resultText(FaultRecord f) {
        if (isInProgress(f)) {
            return progress(f);
        }
        return f.result() == null ? "failed (errno)" : f.result().kernelName();
    }

    /** Shows a fault from the history (pins it). */
    public void show(FaultRecord f) {
        if (f != null) {
            focus.pin(f.seq());
        }
    }

    /** Back to following the newest fault. */
    public void follow() {
        focus.follow();
    }

    public void stepPhase() {
        focus.follow();
        machine.step(StepKind.FAULT_PHASE);
    }

    public void runToFault() {
        focus.follow();
        machine.step(StepKind.PAGE_FAULT);
    }

    /** "Break when the SPTE of this gfn changes." */
    public String breakOnSpte(FaultRecord f) {
        return add(new Breakpoint.SpteChange(f.gfn()));
    }

    /** "Break when the guest touches this page" (the fault's gpa page). */
    public String breakOnPage(FaultRecord f) {
        long gpa = (f.isTdp() ? f.addr() : f.gpa()) & ~0xFFFL;
        return add(new Breakpoint.GpaRange(gpa, gpa + 4096));
    }

    private String add(Breakpoint b) {
        boolean added = Breakpoints.add(machine, b);
        String text = (added ? "Breakpoint set: " : "Already set: ") + b.describe();
        note.set(text);
        return text;
    }

    public ObservableList<FaultRecord> history() {
        return history;
    }

    public ObservableList<PhaseCard> cards() {
        return cards;
    }

    public ReadOnlyObjectProperty<FaultRecord> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStepPhaseProperty() {
        return canStepPhase.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRunToFaultProperty() {
        return canRunToFault.getReadOnlyProperty();
    }

    public FaultFocus focus() {
        return focus;
    }

    /** What a lesson step points at: the phase cards it names ({@code phase:}) are marked. */
    public javafx.beans.property.ObjectProperty<List<dev.memscope.emulator.api.Highlight>> highlightsProperty() {
        return highlights;
    }

    public boolean isHighlighted(dev.memscope.emulator.api.FaultPhase phase) {
        return highlights.get().stream().anyMatch(h -> h instanceof dev.memscope.emulator.api.Highlight.Phase p
                && p.phase() == phase);
    }
}
