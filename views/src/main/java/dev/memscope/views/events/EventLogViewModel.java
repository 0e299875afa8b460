package dev.memscope.views.events;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.views.common.PaneModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The event log's state: the last {@link #CAPACITY} events (unformatted), the subset the filter shows, the counters,
 * and notes about what was lost. Batches arrive at most once per frame; each costs one pass over the batch, one
 * append and one trim of the shown list, and no formatting at all.
 */
public final class EventLogViewModel implements PaneModel {
    public static final int CAPACITY = 100_000;

    private final MachineControl machine;
    private final EventRing ring;
    private final ObservableList<TraceEvent> shown = FXCollections.observableArrayList();
    private final ObservableList<CounterRow> counters = FXCollections.observableArrayList();
    private final ObjectProperty<Set<EventKind>> kinds = new SimpleObjectProperty<>(this, "kinds",
            Set.copyOf(EnumSet.allOf(EventKind.class)));
    private final StringProperty gfnText = new SimpleStringProperty(this, "gfnText", "");
    private final StringProperty bdfText = new SimpleStringProperty(this, "bdfText", "");
    /** What the empty list says: events are coming, or (on real KVM) why there are none. */
    static final String WAITING = "No events yet. They appear here as the guest runs.";
    static final String ON_REAL_KVM = "On real KVM the kernel runs the guest and the model keeps no event log. "
            + "memscope trace GUEST --backend kvm records the kernel's own tracepoints (tracefs, as root); "
            + "add --compare to check the model against them.";
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", WAITING);
    private final ReadOnlyStringWrapper gfnError = new ReadOnlyStringWrapper(this, "gfnError", "");
    private final ReadOnlyStringWrapper bdfError = new ReadOnlyStringWrapper(this, "bdfError", "");
    private final BooleanProperty followTail = new SimpleBooleanProperty(this, "followTail", true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper gapNote = new ReadOnlyStringWrapper(this, "gapNote", "");
    private EventFilter filter = EventFilter.ALL;
    private MmuMode mmu = MmuMode.TDP;
    private long ecamBase;
    private int ecamBuses;
    private final SequenceGaps sequence = new SequenceGaps();
    private Map<String, Long> lastStopCounters;
    private Map<String, Long> previousStopCounters;

    public EventLogViewModel(MachineControl machine) {
        this(machine, CAPACITY);
    }

    EventLogViewModel(MachineControl machine, int capacity) {
        this.machine = machine;
        this.ring = new EventRing(capacity);
        kinds.addListener((obs, was, is) -> refilter());
        gfnText.addListener((obs, was, is) -> refilter());
        bdfText.addListener((obs, was, is) -> refilter());
        updateStatus();
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        placeholder.set(s.setup() != null && !s.kernelInternalsVisible() ? ON_REAL_KVM : WAITING);
        if (s.setup() != null) {
            boolean changed = s.setup().mmu() != mmu || s.setup().ecamBase() != ecamBase
                    || s.setup().ecamBuses() != ecamBuses;
            mmu = s.setup().mmu();
            ecamBase = s.setup().ecamBase();
            ecamBuses = s.setup().ecamBuses();
            if (changed) {
                refilter();
            }
        }
        // Back at the entry with fewer events than we hold: a reset, and the log starts over. (While running, a
        // snapshot may lag the drained events, so only a stopped READY machine is taken at its word.)
        if (s.state() == RunState.READY && sequence.nextSeq() > 0 && s.lastEventSeq() < sequence.nextSeq() - 1) {
            clear();
        }
        boolean running = s.state() == RunState.RUNNING;
        if (s.state() == RunState.READY || s.state() == RunState.NO_GUEST) {
            lastStopCounters = s.counters();
            previousStopCounters = null;
        } else if (!running && !s.counters().equals(lastStopCounters)) {
            previousStopCounters = lastStopCounters;
            lastStopCounters = s.counters();
        }
        counters.setAll(Counters.rows(s.counters(), running ? lastStopCounters : previousStopCounters));
    }

    @Override
    public void onEvents(List<TraceEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (sequence.restarts(batch.get(0).seq())) {
            clear(); // sequence numbers went back: a new log
        }
        int skip = Math.max(0, batch.size() - ring.capacity());
        ring.skipped(skip);
        List<TraceEvent> fresh = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            TraceEvent e = batch.get(i);
            sequence.see(e.seq());
            if (i >= skip) {
                ring.add(e);
                if (filter.matches(e)) {
                    fresh.add(e);
                }
            }
        }
        shown.addAll(fresh);
        trimShown();
        gapNote.set(sequence.note());
        updateStatus();
    }

    public javafx.beans.property.ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** Forgets every event and note (the counters stay: they are the machine's). */
    public void clear() {
        ring.clear();
        shown.clear();
        sequence.reset();
        gapNote.set("");
        updateStatus();
    }

    /** Turns every kind of one system ({@code kvm}, {@code kvmmmu}, {@code memscope}) on or off. */
    public void setSystem(String system, boolean on) {
        EnumSet<EventKind> next = EnumSet.noneOf(EventKind.class);
        next.addAll(kinds.get());
        for (EventKind k : EventKind.values()) {
            if (k.system().equals(system)) {
                if (on) {
                    next.add(k);
                } else {
                    next.remove(k);
                }
            }
        }
        kinds.set(Set.copyOf(next));
    }

    /** Adds {@code bp} to the machine's breakpoints unless it is there already. */
    public void breakWhen(Breakpoint bp) {
        dev.memscope.views.common.Breakpoints.add(machine, bp);
    }

    public List<Breakpoint> breakpointOffers(TraceEvent e) {
        return EventBreakpoints.offers(e, mmu, ecamBase, ecamBuses);
    }

    /** The bus:device.function whose config space the event touched, or null. */
    public BdfPattern bdfOf(TraceEvent e) {
        long gpa = EventAddresses.gpa(e, mmu);
        return gpa == EventAddresses.NONE || ecamBuses == 0 ? null : BdfPattern.of(gpa, ecamBase, ecamBuses);
    }

    private void refilter() {
        FilterForm form = FilterForm.read(kinds.get(), gfnText.get(), bdfText.get(), mmu, ecamBase, ecamBuses);
        gfnError.set(form.gfnError());
        bdfError.set(form.bdfError());
        filter = form.filter();
        List<TraceEvent> matching = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            TraceEvent e = ring.get(i);
            if (filter.matches(e)) {
                matching.add(e);
            }
        }
        shown.setAll(matching);
        updateStatus();
    }

    /** Drops shown events that the ring no longer holds; they are at the head, in sequence order. */
    private void trimShown() {
        long oldest = ring.oldestSeq();
        int lo = 0;
        int hi = shown.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (shown.get(mid).seq() < oldest) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0) {
            shown.remove(0, lo);
        }
    }

    private void updateStatus() {
        String s = String.format("%,d of %,d buffered events shown", shown.size(), ring.size());
        if (ring.evicted() > 0) {
            s += String.format(" \u00b7 %,d older ones dropped from the buffer", ring.evicted());
        }
        status.set(s);
    }

    public ObservableList<TraceEvent> shown() {
        return shown;
    }

    public ObservableList<CounterRow> counters() {
        return counters;
    }

    public EventFilter filter() {
        return filter;
    }

    /** The event kinds shown (an immutable set; replace it to change the filter). */
    public ObjectProperty<Set<EventKind>> kindsProperty() {
        return kinds;
    }

    /** A gfn or gfn range in hex ({@link GfnRange#parse}); blank for any. */
    public StringProperty gfnTextProperty() {
        return gfnText;
    }

    /** A bus, bus:device or bus:device.function ({@link BdfPattern#parse}); blank for any. */
    public StringProperty bdfTextProperty() {
        return bdfText;
    }

    /** Why the typed gfn range is ignored, or empty. */
    public ReadOnlyStringProperty gfnErrorProperty() {
        return gfnError.getReadOnlyProperty();
    }

    /** Why the typed bus/device/function is ignored, or empty. */
    public ReadOnlyStringProperty bdfErrorProperty() {
        return bdfError.getReadOnlyProperty();
    }

    public BooleanProperty followTailProperty() {
        return followTail;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Empty, or a note that the machine's ring lost events before the pane drained them (a sequence gap). */
    public ReadOnlyStringProperty gapNoteProperty() {
        return gapNote.getReadOnlyProperty();
    }
}
