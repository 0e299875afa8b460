package dev.memscope.views.guestpt;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.GuestTables;
import dev.memscope.emulator.api.GuestWalk;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.views.common.Hex;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.panekit.Asker;
import dev.memscope.views.common.Breakpoints;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the guest page-table pane shows: the guest's 4-level tables from CR3 at the last stop, diffed against the
 * previous stop (A/D bits), and the walk of one gva. The tables are asked for ({@link Query.GuestPageTables}) only
 * when the snapshot changed, the machine is not running and the pane is showing.
 */
public final class GuestPtViewModel implements PaneModel {
    private final MachineControl machine;
    private final Asker tablesAsker;
    private final Asker walkAsker;
    private final ReadOnlyObjectWrapper<GuestPtForest> forest = new ReadOnlyObjectWrapper<>(this, "forest");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "No guest loaded.");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final BooleanProperty showEmpty = new SimpleBooleanProperty(this, "showEmpty", false);
    private final StringProperty gvaText = new SimpleStringProperty(this, "gvaText", "");
    private final ObservableList<GuestWalk.Step> walkSteps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper walkResult = new ReadOnlyStringWrapper(this, "walkResult", "");
    private final ReadOnlyObjectWrapper<GuestWalk> walk = new ReadOnlyObjectWrapper<>(this, "walk");
    private MachineSnapshot snapshot;
    private boolean showing;
    private long askedVersion = -1;
    private GuestTables current;
    private long currentVersion = -1;
    private GuestTables previous;

    /** @param tablesAsker and {@code walkAsker} are separate so a walk never makes a tables answer stale */
    public GuestPtViewModel(MachineControl machine, Asker tablesAsker, Asker walkAsker) {
        this.machine = machine;
        this.tablesAsker = tablesAsker;
        this.walkAsker = walkAsker;
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        if (snapshot != null && s.version() == snapshot.version()) {
            return;
        }
        snapshot = s;
        refresh();
    }

    public void setShowing(boolean showing) {
        this.showing = showing;
        refresh();
    }

    private void refresh() {
        MachineSnapshot s = snapshot;
        if (s == null || s.state() == RunState.NO_GUEST || s.setup() == null) {
            message.set("No guest loaded.");
            return;
        }
        if (s.state() == RunState.RUNNING) {
            status.set("Running: the tables below are from the last stop; they refresh at the next one.");
            if (forest.get() == null) {
                message.set("Running. The guest's page tables appear at the next stop.");
            }
            return;
        }
        if (!showing || askedVersion == s.version()) {
            return;
        }
        askedVersion = s.version();
        long version = s.version();
        if (forest.get() == null) {
            message.set("Reading the guest's page tables\u2026");
        }
        tablesAsker.ask(new Query.GuestPageTables(), t -> onTables(t, version), e -> {
            askedVersion = -1;
            message.set("Could not read the guest's page tables: " + e.getMessage());
        });
        if (walk.get() != null) {
            walkGva(walk.get().gva()); // the same gva again, against the new tables
        }
    }

    private void onTables(GuestTables tables, long version) {
        if (tables == null) {
            askedVersion = -1;
            message.set("Could not read the guest's page tables: the machine returned none.");
            return;
        }
        if (current != null && currentVersion != version) {
            previous = current;
        }
        if (previous != null && previous.cr3() != tables.cr3()) {
            previous = null; // another address space: nothing to compare
        }
        current = tables;
        currentVersion = version;
        GuestPtForest f = new GuestPtForest(tables, previous);
        message.set(f.rootRow() == null ? "CR3 " + Hex.of(tables.cr3())
                + " does not point to a PML4 the guest has written yet (paging off, or tables not built)." : "");
        StringBuilder sb = new StringBuilder("CR3 ").append(Hex.of(tables.cr3()));
        sb.append(String.format(" \u00b7 %d tables \u00b7 %d mappings", tables.tables().size(), f.mappings()));
        if (f.compared()) {
            sb.append(String.format(" \u00b7 %d A/D changes since the previous stop", f.adChanges()));
            if (f.otherChanges() > 0) {
                sb.append(String.format(", %d other entry changes", f.otherChanges()));
            }
        }
        status.set(sb.toString());
        forest.set(f);
    }

    /** Walks the gva in {@link #gvaTextProperty()} (hex, with or without 0x). */
    public void translate() {
        String text = gvaText.get() == null ? "" : gvaText.get().trim().replace("_", "");
        if (text.startsWith("0x") || text.startsWith("0X")) {
            text = text.substring(2);
        }
        long gva;
        try {
            gva = Long.parseUnsignedLong(text, 16);
        } catch (NumberFormatException e) {
            walkSteps.clear();
            walk.set(null);
            walkResult.set("Type a gva in hex, such as 0xb0028000.");
            return;
        }
        if (Pte.canonical(gva) != gva) {
            walkSteps.clear();
            walk.set(null);
            walkResult.set(Hex.of(gva) + " is not canonical (bits 63:47 differ): the CPU raises #GP, no walk.");
            return;
        }
        walkGva(gva);
    }

    private void walkGva(long gva) {
        walkResult.set("Walking " + Hex.of(gva) + "\u2026");
        walkAsker.ask(new Query.TranslateGva(gva), this::onWalk,
                e -> walkResult.set("Could not walk " + Hex.of(gva) + ": " + e.getMessage()));
    }

    private void onWalk(GuestWalk w) {
        if (w == null) {
            walkResult.set("The machine returned no walk.");
            return;
        }
        walk.set(w);
        walkSteps.setAll(w.steps());
        if (w.gpa() == -1 || !w.fault().isEmpty()) {
            walkResult.set(Hex.of(w.gva()) + ": fault, " + w.fault() + " (#PF)");
        } else {
            walkResult.set(Hex.of(w.gva()) + " \u2192 gpa " + Hex.of(w.gpa()) + " (" + Pte.sizeName(w.pageLevel())
                    + " page)");
        }
    }

    /** Fills the gva field with the row's gva and walks it. */
    public void translate(GuestPtRow row) {
        gvaText.set(Hex.of(row.gva()));
        translate();
    }

    /** "Break when the guest touches this page": a GPA range over the page a leaf maps. */
    public void breakOnPage(GuestPtRow row) {
        if (row == null || !row.isLeaf()) {
            return;
        }
        long gpa = Pte.address(row.entry(), row.level());
        Breakpoint b = new Breakpoint.GpaRange(gpa, gpa + Pte.span(row.level()));
        boolean added = Breakpoints.add(machine, b);
        status.set((added ? "Breakpoint set: " : "Already set: ") + b.describe());
    }

    public ReadOnlyObjectProperty<GuestPtForest> forestProperty() {
        return forest.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanProperty showEmptyProperty() {
        return showEmpty;
    }

    public StringProperty gvaTextProperty() {
        return gvaText;
    }

    /** The levels of the last walk, from the PML4 down. */
    public ObservableList<GuestWalk.Step> walkSteps() {
        return walkSteps;
    }

    public ReadOnlyStringProperty walkResultProperty() {
        return walkResult.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GuestWalk> walkProperty() {
        return walk.getReadOnlyProperty();
    }
}
