package dev.memscope.views.memslots;

import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.Highlight;
import dev.memscope.views.common.Highlights;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.gpa.GpaSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The memslot layout: the rows of the table, the band's lanes, what the pointer is over, and what the latest memslot
 * change did. A change is found by comparing each snapshot's memslots (and generation) with the previous ones; it stays
 * marked until the next change, and the band pulses for {@link #PULSE_NANOS} when it happens. A new VM (generation
 * going backwards, another guest or variant) starts over without marking anything.
 */
public final class MemslotsViewModel implements PaneModel {
    public static final long PULSE_NANOS = 4_000_000_000L;

    private final LongSupplier nanoClock;
    private final ObservableList<MemslotRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<BandLayout> layout = new ReadOnlyObjectWrapper<>(this, "layout",
            BandLayout.of(GpaSpace.empty(), List.of()));
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final ReadOnlyStringWrapper generationText = new ReadOnlyStringWrapper(this, "generationText", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper changeText = new ReadOnlyStringWrapper(this, "changeText", "");
    private final ReadOnlyLongWrapper changeSerial = new ReadOnlyLongWrapper(this, "changeSerial", 0);
    private final ObjectProperty<SlotKey> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<List<Highlight>> highlights = new SimpleObjectProperty<>(this, "highlights",
            List.of());
    private final BandViewport viewport = new BandViewport();
    private GpaSpace space = GpaSpace.empty();
    private Map<SlotKey, SlotChange> changes = Map.of();
    private final Map<SlotKey, MemslotInfo> deleted = new LinkedHashMap<>();
    private List<MemslotInfo> previous;
    private long previousGeneration;
    private MachineSnapshot.Setup previousSetup;
    private long changedAtNanos;

    public MemslotsViewModel() {
        this(System::nanoTime);
    }

    public MemslotsViewModel(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        List<MemslotInfo> now = s.memslots();
        boolean newVm = previous == null || !sameVm(previousSetup, s.setup())
                || Long.compareUnsigned(s.memslotGeneration() & Long.MAX_VALUE,
                        previousGeneration & Long.MAX_VALUE) < 0;
        if (newVm) {
            changes = Map.of();
            deleted.clear();
            changeText.set("");
        } else if (!now.equals(previous)) {
            Map<SlotKey, MemslotInfo> gone = new LinkedHashMap<>();
            Map<SlotKey, SlotChange> found = MemslotDiff.between(previous, now, gone);
            if (!found.isEmpty()) {
                changes = found;
                deleted.clear();
                deleted.putAll(gone);
                changedAtNanos = nanoClock.getAsLong();
                changeText.set(describeChange(found, previousGeneration, s.memslotGeneration()));
                changeSerial.set(changeSerial.get() + 1);
            }
        }
        previous = now;
        previousGeneration = s.memslotGeneration();
        previousSetup = s.setup();
        space = GpaSpace.of(s);
        generationText.set(generationWords(s));
        notice.set(s.setup() != null && !s.kernelInternalsVisible()
                ? "Real KVM: these are the memslots as the VMM created them. The kernel does not expose its"
                        + " memslot generation, the INVALID state of a slot being deleted or moved, or dirty counts"
                        + " between pulls."
                : "");
        List<MemslotRow> list = new ArrayList<>();
        for (MemslotInfo slot : now) {
            list.add(new MemslotRow(slot, changes.get(SlotKey.of(slot))));
        }
        for (MemslotInfo gone : deleted.values()) {
            list.add(new MemslotRow(gone, SlotChange.DELETED));
        }
        rows.setAll(list);
        BandLayout next = BandLayout.of(space, List.copyOf(deleted.values()));
        boolean firstLayout = layout.get().extentGpa() != next.extentGpa();
        layout.set(next);
        viewport.setExtent(next.extentGpa(), firstLayout);
    }

    private static boolean sameVm(MachineSnapshot.Setup a, MachineSnapshot.Setup b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.guest().equals(b.guest()) && a.backend().equals(b.backend()) && a.variant() == b.variant()
                && a.mmu() == b.mmu();
    }

    private static String generationWords(MachineSnapshot s) {
        long g = s.memslotGeneration();
        if (s.setup() == null) {
            return "";
        }
        if (g == -1) { // the real-KVM backend: only the VMM's view of its slots
            return "generation n/a: the kernel does not expose it";
        }
        if ((g & Long.MIN_VALUE) != 0) {
            return "generation " + (g & Long.MAX_VALUE) + " (update in progress)";
        }
        return "generation " + g;
    }

    private static String describeChange(Map<SlotKey, SlotChange> found, long fromGen, long toGen) {
        StringJoiner what = new StringJoiner(", ");
        int shown = 0;
        for (Map.Entry<SlotKey, SlotChange> e : found.entrySet()) {
            if (shown++ == 4) {
                what.add((found.size() - 4) + " more");
                break;
            }
            what.add(e.getKey() + " " + e.getValue().words());
        }
        String gens = fromGen >= 0 && toGen >= 0 ? String.format("generation %d \u2192 %d: ", fromGen, toGen) : "";
        return "Last change: " + gens + what;
    }

    /** How strongly the band's change outline glows now: 1 at the change, fading to 0 over {@link #PULSE_NANOS}. */
    public double pulse() {
        if (changes.isEmpty()) {
            return 0;
        }
        long age = nanoClock.getAsLong() - changedAtNanos;
        return age < 0 ? 1 : Math.max(0, 1 - (double) age / PULSE_NANOS);
    }

    /** The slots the latest change touched, with what happened (deleted ones included). */
    public Map<SlotKey, SlotChange> changes() {
        return changes;
    }

    public List<MemslotInfo> deletedSlots() {
        return List.copyOf(deleted.values());
    }

    /** Describes the pointer's position: a gpa, or a negative value for "nowhere". */
    public void hover(double gpa, int asId) {
        if (gpa < 0 || gpa >= layout.get().extentGpa()) {
            hoverText.set("");
            return;
        }
        hoverText.set(space.describe(Math.max(0, asId), (long) gpa));
    }

    public GpaSpace space() {
        return space;
    }

    public ObservableList<MemslotRow> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<BandLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public BandViewport viewport() {
        return viewport;
    }

    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty generationTextProperty() {
        return generationText.getReadOnlyProperty();
    }

    /** What this backend cannot show, in words; empty when everything is shown. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty changeTextProperty() {
        return changeText.getReadOnlyProperty();
    }

    /** Grows by one at every memslot change found. */
    public ReadOnlyLongProperty changeSerialProperty() {
        return changeSerial.getReadOnlyProperty();
    }

    public ObjectProperty<SlotKey> selectedProperty() {
        return selected;
    }

    /** What a lesson step points at; the table and the band mark the memslots it names. */
    public ObjectProperty<List<Highlight>> highlightsProperty() {
        return highlights;
    }

    public boolean isHighlighted(MemslotInfo slot) {
        return Highlights.coversSlot(highlights.get(), slot);
    }

    /** The slots shown now that a highlight names, in table order. */
    public List<MemslotInfo> highlightedSlots() {
        return rows.stream().filter(r -> !r.deleted() && isHighlighted(r.slot())).map(MemslotRow::slot).toList();
    }

    /** The slot of the selected key, or null. */
    public MemslotInfo selectedSlot() {
        SlotKey k = selected.get();
        return k == null ? null : rows.stream().map(MemslotRow::slot).filter(s -> SlotKey.of(s).equals(k))
                .findFirst().orElse(null);
    }
}
