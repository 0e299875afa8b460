package dev.memscope.views.sptetree;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.Highlight;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.SpteTree;
import dev.memscope.views.common.Hex;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.panekit.Asker;
import dev.memscope.views.common.Breakpoints;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * What the SPTE tree pane shows: the sps of one address space at the last stop, diffed against the stop before.
 * The tree is asked for ({@link Query.SpteTables}) only when the snapshot changed, the machine is not running and
 * the pane is showing. Plain properties; no nodes.
 */
public final class SpteTreeViewModel implements PaneModel {
    private final MachineControl machine;
    private final Asker asker;
    private final ReadOnlyObjectWrapper<SpteForest> forest = new ReadOnlyObjectWrapper<>(this, "forest");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "No guest loaded.");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final BooleanProperty showEmpty = new SimpleBooleanProperty(this, "showEmpty", false);
    private final IntegerProperty asId = new SimpleIntegerProperty(this, "asId", 0);
    private final ObjectProperty<List<Highlight>> highlights = new SimpleObjectProperty<>(this, "highlights",
            List.of());
    private MachineSnapshot snapshot;
    private boolean showing;
    private long askedVersion = -1;
    private int askedAsId = -1;
    private SpteTree current;
    private long currentVersion = -1;
    private SpteTree previous;

    public SpteTreeViewModel(MachineControl machine, Asker asker) {
        this.machine = machine;
        this.asker = asker;
        asId.addListener((obs, was, is) -> {
            current = null;
            previous = null;
            forest.set(null);
            refresh();
        });
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        if (snapshot != null && s.version() == snapshot.version()) {
            return;
        }
        snapshot = s;
        refresh();
    }

    /** Whether the pane is on screen; a hidden pane asks nothing. */
    public void setShowing(boolean showing) {
        this.showing = showing;
        refresh();
    }

    private void refresh() {
        MachineSnapshot s = snapshot;
        if (s == null || s.state() == RunState.NO_GUEST || s.setup() == null) {
            message.set("No guest loaded.");
            status.set("");
            return;
        }
        if (!s.kernelInternalsVisible()) {
            message.set("The kernel does not expose its SPTE tables: on real KVM no ioctl reads the sps or their "
                    + "SPTEs. Run the guest on the simulated backend (--backend sim) to see them.");
            status.set("");
            forest.set(null);
            current = null;
            previous = null;
            return;
        }
        if (s.state() == RunState.RUNNING) {
            status.set("Running: the tree below is from the last stop; it refreshes at the next one.");
            if (forest.get() == null) {
                message.set("Running. The SPTE tables appear at the next stop.");
            }
            return;
        }
        if (!showing || (askedVersion == s.version() && askedAsId == asId.get())) {
            return;
        }
        askedVersion = s.version();
        askedAsId = asId.get();
        long version = s.version();
        int as = askedAsId;
        if (forest.get() == null) {
            message.set("Reading the SPTE tables\u2026");
        }
        asker.ask(new Query.SpteTables(as), tree -> onTree(tree, version, as), this::onError);
    }

    private void onTree(SpteTree tree, long version, int as) {
        if (as != asId.get()) {
            return;
        }
        if (tree == null) {
            onError(new IllegalStateException("the machine returned no tree"));
            return;
        }
        if (current != null && currentVersion != version) {
            previous = current;
        }
        current = tree;
        currentVersion = version;
        SpteForest f = new SpteForest(tree, previous);
        message.set(f.rootRow() == null ? "No SPTEs yet in address space " + as
                + ": the root sp is made at the first fault." : "");
        status.set(statusLine(f));
        forest.set(f);
    }

    private void onError(Throwable error) {
        askedVersion = -1;
        message.set("Could not read the SPTE tables: " + error.getMessage());
    }

    private String statusLine(SpteForest f) {
        StringBuilder sb = new StringBuilder();
        sb.append(current.mmu()).append(f.format() == dev.memscope.emulator.api.SpteBits.Format.EPT
                ? " (EPT format)" : " (PT format)");
        sb.append(String.format(" \u00b7 %d sps, %d leaves, %d MMIO", f.reachableTables(), f.presentLeaves(),
                f.mmioSptes()));
        if (f.otherTables() > 0) {
            sb.append(String.format(" \u00b7 %d sps under no entry of this root", f.otherTables()));
        }
        if (f.hasPrevious()) {
            sb.append(String.format(" \u00b7 %d changed since the previous stop", f.changedCount()));
        }
        return sb.toString();
    }

    /** Whether "Break when this SPTE changes" applies: an entry of a direct sp that maps or may map a gfn. */
    public boolean canBreakOn(SpteRow row) {
        if (row == null || row.isRoot() || !row.table().direct()) {
            return false;
        }
        SpteKind k = row.kind();
        return k.isLeafLike() || k == SpteKind.NOT_PRESENT || k == SpteKind.EMPTY && row.level() == 1;
    }

    /** Adds a breakpoint on the SPTE of the row's gfn to the machine's list. */
    public void breakWhenChanges(SpteRow row) {
        if (!canBreakOn(row)) {
            return;
        }
        Breakpoint b = new Breakpoint.SpteChange(row.gfn());
        boolean added = Breakpoints.add(machine, b);
        status.set((added ? "Breakpoint set: " : "Already set: ") + b.describe());
    }

    public ReadOnlyObjectProperty<SpteForest> forestProperty() {
        return forest.getReadOnlyProperty();
    }

    /** Non-empty when the pane has no tree to show, and says why. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanProperty showEmptyProperty() {
        return showEmpty;
    }

    /** The address space: 0, or 1 for SMM. */
    public IntegerProperty asIdProperty() {
        return asId;
    }

    /** What a lesson step points at: the SPTEs mapping the gfns it names are marked, and the way to them opened. */
    public ObjectProperty<List<Highlight>> highlightsProperty() {
        return highlights;
    }

    /** A row a highlight names: an entry of a direct sp that maps (or caches MMIO for) a highlighted gfn. */
    public boolean isHighlighted(SpteRow row) {
        return row != null && !row.isRoot() && row.table().direct() && row.kind().isLeafLike()
                && coversHighlightedGfn(row);
    }

    /** Whether some highlighted gfn lies in the range the row's entry covers (the way down to a highlight). */
    public boolean leadsToHighlight(SpteRow row) {
        return row != null && (row.isRoot() || row.table().direct() && coversHighlightedGfn(row));
    }

    private boolean coversHighlightedGfn(SpteRow row) {
        long first = row.isRoot() ? 0 : row.gfn();
        long pages = row.isRoot() ? Long.MAX_VALUE : row.pagesCovered();
        for (Highlight h : highlights.get()) {
            if (h instanceof Highlight.Spte sp && sp.gfn() - first >= 0 && sp.gfn() - first < pages) {
                return true;
            }
        }
        return false;
    }

    /** For tooltips: the gpa of a direct entry's first gfn. */
    public static String gpaOf(SpteRow row) {
        return Hex.of(row.gfn() << 12);
    }
}
