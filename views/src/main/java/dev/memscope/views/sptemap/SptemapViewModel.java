package dev.memscope.views.sptemap;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.Highlight;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.SpteMap;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.gpa.EcamAddress;
import dev.memscope.views.gpa.EcamWindow;
import dev.memscope.views.gpa.GpaSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The SPTE map of one region: which regions there are (every memslot, and the ECAM window), the zoom level and scroll
 * position, the loaded states, and what to ask the machine next. Asks only while showing, once per snapshot, one
 * question at a time, and never for more than {@link #MAX_QUERY_PAGES} gfns: a larger region loads the part in view.
 */
public final class SptemapViewModel implements PaneModel {
    /** The most gfns one question asks for: 1 MiB of answer, a 4 GiB slot. */
    public static final int MAX_QUERY_PAGES = 1 << 20;
    /** A highlight of at most this many gfns is shown at {@link #CLOSE_UP}. */
    static final int CLOSE_UP_PAGES = 256;
    static final ZoomLevel CLOSE_UP = new ZoomLevel(1, 6);

    private final ObservableList<MapRegion> regions = FXCollections.observableArrayList();
    private final ObjectProperty<MapRegion> region = new SimpleObjectProperty<>(this, "region");
    private final IntegerProperty zoom = new SimpleIntegerProperty(this, "zoom", ZoomLevel.LADDER.size() - 8);
    private final ObjectProperty<Double> topRow = new SimpleObjectProperty<>(this, "topRow", 0.0);
    private final ReadOnlyObjectWrapper<GfnClasses> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private GpaSpace space = GpaSpace.empty();
    private boolean internalsVisible = true;
    private long snapshotVersion = -1;
    private long dataVersion = -2;
    private Query.SpteMapRange inFlight;
    private long inFlightVersion;
    private double gridWidth = 800;
    private double gridHeight = 400;
    private boolean userChoseZoom;
    private final ObjectProperty<List<Highlight>> highlights = new SimpleObjectProperty<>(this, "highlights",
            List.of());
    private boolean focusPending;

    public SptemapViewModel() {
        region.addListener((obs, was, is) -> {
            if (is != null && !is.sameAs(was)) {
                data.set(null);
                topRow.set(0.0);
                userChoseZoom = false;
                fit();
            }
            updateSummary();
        });
        highlights.addListener((obs, was, is) -> {
            focusPending = !highlightedRanges().isEmpty();
            focusHighlight();
        });
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        snapshotVersion = s.version();
        space = GpaSpace.of(s);
        internalsVisible = s.kernelInternalsVisible();
        List<MapRegion> next = new ArrayList<>();
        EcamWindow ecam = space.ecam();
        if (ecam != null) {
            next.add(MapRegion.of(ecam));
        }
        for (MemslotInfo slot : s.memslots()) {
            next.add(MapRegion.of(slot));
        }
        MapRegion was = region.get();
        if (!next.equals(regions)) {
            regions.setAll(next);
        }
        MapRegion keep = next.stream().filter(r -> r.sameAs(was)).findFirst().orElse(null);
        if (keep == null && !next.isEmpty()) {
            keep = next.get(0);
        }
        region.set(keep);
        if (s.setup() == null) {
            notice.set("No guest is loaded.");
        } else if (!internalsVisible) {
            data.set(null);
            notice.set("Real KVM: the kernel does not expose its SPTEs, so there is no SPTE map to show."
                    + " Run the guest on the simulated backend to see one.");
        } else {
            notice.set("");
        }
        updateSummary();
        focusHighlight();
    }

    /** What a lesson step points at: gfn ranges ({@code gfns:}) and single SPTEs ({@code spte:}) are outlined. */
    public ObjectProperty<List<Highlight>> highlightsProperty() {
        return highlights;
    }

    /** The highlighted gfns as [first, end) ranges, in the order the lesson names them. */
    public List<long[]> highlightedRanges() {
        List<long[]> out = new ArrayList<>();
        for (Highlight h : highlights.get()) {
            if (h instanceof Highlight.Gfns g) {
                out.add(new long[] {g.firstGfn(), g.firstGfn() + g.pages()});
            } else if (h instanceof Highlight.Spte sp) {
                out.add(new long[] {sp.gfn(), sp.gfn() + 1});
            }
        }
        return out;
    }

    /** Once per new set of highlights: shows the region holding the first one (the ECAM window first) and scrolls
     *  it into view; after that the user may look elsewhere. */
    private void focusHighlight() {
        List<long[]> ranges = highlightedRanges();
        if (!focusPending || ranges.isEmpty() || regions.isEmpty()) {
            return;
        }
        long gfn = ranges.get(0)[0];
        MapRegion best = null;
        for (MapRegion r : regions) {
            if (r.asId() == 0 && gfn >= r.firstGfn() && gfn < r.endGfn() && (best == null || r.ecam())) {
                best = r;
            }
        }
        if (best == null) {
            return;
        }
        focusPending = false;
        region.set(best);
        long[] r0 = ranges.get(0);
        if (r0[1] - r0[0] <= CLOSE_UP_PAGES) {
            userChoseZoom = true; // a close-up of a few gfns: one per cell, large enough to see the outline
            zoom.set(ZoomLevel.LADDER.indexOf(CLOSE_UP));
        }
        HeatmapLayout l = layout();
        topRow.set((double) Math.max(0, l.rowOf(gfn) - 2));
        clampTopRow();
    }

    /** The viewport of the grid, in pixels (set by the view on layout). */
    public void setGridSize(double width, double height) {
        boolean changed = width != gridWidth || height != gridHeight;
        gridWidth = width;
        gridHeight = height;
        if (changed && !userChoseZoom) {
            fit();
        }
        clampTopRow();
    }

    public HeatmapLayout layout() {
        MapRegion r = region.get();
        return r == null ? null : HeatmapLayout.of(r, level(), gridWidth);
    }

    public ZoomLevel level() {
        return ZoomLevel.LADDER.get(zoom.get());
    }

    public double visibleRows() {
        return gridHeight / level().cellPx();
    }

    /** The finest level at which the whole region fits the viewport. */
    public void fit() {
        MapRegion r = region.get();
        if (r == null) {
            return;
        }
        int best = 0;
        for (int i = 0; i < ZoomLevel.LADDER.size(); i++) {
            HeatmapLayout l = HeatmapLayout.of(r, ZoomLevel.LADDER.get(i), gridWidth);
            if (l.rows() * l.cellPx() <= gridHeight) {
                best = i;
            }
        }
        zoom.set(best);
        topRow.set(0.0);
    }

    /** Zooms by {@code steps} levels (positive: in), keeping the gfn at grid point (x, y) under it when possible. */
    public void zoomBy(int steps, double x, double y) {
        HeatmapLayout before = layout();
        if (before == null) {
            return;
        }
        int next = Math.max(0, Math.min(ZoomLevel.LADDER.size() - 1, zoom.get() + steps));
        if (next == zoom.get()) {
            return;
        }
        long[] cell = before.cellAt(Math.min(x, before.widthPx() - 1), y, topRow.get());
        userChoseZoom = true;
        zoom.set(next);
        HeatmapLayout after = layout();
        if (cell != null) {
            topRow.set(after.rowOf(cell[0]) - y / after.cellPx());
        }
        clampTopRow();
    }

    /** Scrolls by pixels (positive: towards higher gfns). */
    public void panBy(double dyPx) {
        topRow.set(topRow.get() + dyPx / level().cellPx());
        clampTopRow();
    }

    public void scrollTo(double row) {
        topRow.set(row);
        clampTopRow();
    }

    private void clampTopRow() {
        HeatmapLayout l = layout();
        if (l == null) {
            return;
        }
        double max = Math.max(0, l.rows() - visibleRows());
        topRow.set(Math.max(0, Math.min(max, topRow.get())));
    }

    /** The gfns [first, end) in view now. */
    public long[] visibleGfns() {
        HeatmapLayout l = layout();
        long first = l.firstGfn() + (long) Math.floor(topRow.get()) * l.gfnsPerRow();
        long end = Math.min(l.endGfn(), first + (long) Math.ceil(visibleRows() + 1) * l.gfnsPerRow());
        return new long[] {first, end};
    }

    /**
     * The question to ask now, or null: nothing while hidden, while another is out, when the kernel hides SPTEs, or
     * when the loaded states already cover the view at this snapshot. Marks the returned question as out.
     */
    public Query.SpteMapRange nextQuery(boolean showing) {
        MapRegion r = region.get();
        if (!showing || r == null || !internalsVisible || inFlight != null || snapshotVersion < 0) {
            return null;
        }
        long[] want = wantedWindow();
        GfnClasses have = data.get();
        long[] visible = visibleGfns();
        boolean covered = have != null && have.asId() == r.asId()
                && have.covers(visible[0], visible[1] - visible[0]);
        if (covered && dataVersion == snapshotVersion) {
            return null;
        }
        inFlight = new Query.SpteMapRange(r.asId(), want[0], (int) (want[1] - want[0]));
        inFlightVersion = snapshotVersion;
        return inFlight;
    }

    /** The whole region when small enough, else the view plus half a screen each side, within the cap. */
    long[] wantedWindow() {
        MapRegion r = region.get();
        if (r.pages() <= MAX_QUERY_PAGES) {
            return new long[] {r.firstGfn(), r.endGfn()};
        }
        long[] v = visibleGfns();
        long span = v[1] - v[0];
        long margin = Math.max(0, Math.min(span / 2, (MAX_QUERY_PAGES - span) / 2));
        long a = Math.max(r.firstGfn(), v[0] - margin);
        long b = Math.min(r.endGfn(), Math.min(a + MAX_QUERY_PAGES, v[1] + margin));
        return new long[] {a, b};
    }

    /** An answer arrived: keep it if it is for the region shown. */
    public void accept(SpteMap map) {
        Query.SpteMapRange asked = inFlight;
        inFlight = null;
        MapRegion r = region.get();
        if (asked == null || r == null || map.asId() != r.asId() || map.firstGfn() < r.firstGfn()
                || map.firstGfn() + map.pages() > r.endGfn()) {
            return;
        }
        dataVersion = inFlightVersion;
        data.set(new GfnClasses(map));
        if (internalsVisible) {
            notice.set(map.pages() < r.pages() && !data.get().covers(r.firstGfn(), r.pages())
                    ? String.format("This slot has %,d gfns; the %,d around the view are loaded (zoom in to see"
                            + " the striped parts).", r.pages(), map.pages())
                    : "");
        }
        updateSummary();
    }

    public void failed(Throwable error) {
        inFlight = null;
        notice.set("The machine could not answer: " + error.getMessage());
    }

    /** Describes the cell at a grid point; empty when none. */
    public void hover(double x, double y) {
        HeatmapLayout l = layout();
        long[] cell = l == null ? null : l.cellAt(x, y, topRow.get());
        hoverText.set(cell == null ? "" : describeCell(cell[0], cell[1]));
    }

    public String describeCell(long first, long end) {
        MapRegion r = region.get();
        GfnClasses d = data.get();
        StringJoiner j = new StringJoiner(" \u00b7 ");
        if (end - first == 1) {
            j.add(String.format("gfn 0x%x", first)).add(String.format("gpa 0x%x", first << 12));
            int state = d == null ? -1 : d.state(first);
            j.add(state < 0 ? "not loaded" : SpteClass.classify(state).words() + " (" + SpteClass.flagWords(state)
                    + ")");
        } else {
            j.add(String.format("gfns 0x%x-0x%x (%,d)", first, end - 1, end - first));
            j.add(String.format("gpa 0x%x-0x%x", first << 12, end << 12));
            if (d != null) {
                long[] counts = d.countsIn(first, end);
                StringJoiner mix = new StringJoiner(", ");
                for (int c = counts.length - 1; c >= 0; c--) {
                    if (counts[c] > 0) {
                        mix.add(String.format("%,d %s", counts[c], SpteClass.ofCode(c).words()));
                    }
                }
                j.add(mix.toString());
            }
        }
        MemslotInfo slot = r == null ? null : space.slotAt(r.asId(), first);
        j.add(slot == null ? "no memslot" : "slot " + slot.id());
        EcamWindow ecam = space.ecam();
        if (ecam != null && ecam.containsGfn(first)) {
            EcamAddress a = ecam.decode(first << 12);
            if (end - first == 1) {
                String name = space.functionName(a.bus(), a.device(), a.function());
                j.add("ECAM " + a.bdf() + (name.isEmpty() ? slot == null ? "" : " (absent)" : " (" + name + ")"));
            } else if (end - first <= 8) {
                j.add("ECAM " + EcamAddress.busDevice(a.bus(), a.device()));
            } else {
                j.add(String.format("ECAM bus %02x", a.bus()));
            }
        }
        return j.toString();
    }

    /** The breakpoints a cell's context menu offers: the SPTE of its most notable gfn, and its gpa range. */
    public List<Breakpoint> breakpointsFor(long first, long end) {
        GfnClasses d = data.get();
        long gfn = d == null ? first : d.firstOf(first, end, d.maxCode(first, end));
        return List.of(new Breakpoint.SpteChange(gfn), new Breakpoint.GpaRange(first << 12, end << 12));
    }

    private void updateSummary() {
        MapRegion r = region.get();
        GfnClasses d = data.get();
        if (r == null || d == null) {
            summary.set("");
            return;
        }
        long[] counts = d.countsIn(r.firstGfn(), r.endGfn());
        StringJoiner j = new StringJoiner(" \u00b7 ");
        for (int c = counts.length - 1; c >= 0; c--) {
            if (counts[c] > 0) {
                j.add(String.format("%,d %s", counts[c], SpteClass.ofCode(c).words()));
            }
        }
        summary.set(String.format("%,d gfns: %s", r.pages(), j));
    }

    public GpaSpace space() {
        return space;
    }

    public boolean internalsVisible() {
        return internalsVisible;
    }

    /** What the canvas says instead of a map, or null when it has a map to draw. */
    public String canvasMessage() {
        if (space.ecam() == null && regions.isEmpty()) {
            return "No guest is loaded.";
        }
        if (!internalsVisible) {
            return "The kernel does not expose its SPTEs on real KVM.";
        }
        return region.get() == null ? "No region to show." : null;
    }

    public ObservableList<MapRegion> regions() {
        return regions;
    }

    public ObjectProperty<MapRegion> regionProperty() {
        return region;
    }

    public IntegerProperty zoomProperty() {
        return zoom;
    }

    public ObjectProperty<Double> topRowProperty() {
        return topRow;
    }

    public ReadOnlyObjectProperty<GfnClasses> dataProperty() {
        return data.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
