package dev.memscope.views.holehits;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.HoleHits;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.views.common.PaneModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The hole hits: accesses to the ECAM window per PCI function, as a grid of the buses that were touched (32 devices
 * each), totals in words, and the functions of the selected device for the detail table.
 */
public final class HoleHitsViewModel implements PaneModel {
    private final ReadOnlyObjectWrapper<List<BusRow>> grid = new ReadOnlyObjectWrapper<>(this, "grid", List.of());
    private final ObservableList<HoleHits> details = FXCollections.observableArrayList();
    private final ObjectProperty<DeviceKey> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(this, "detailTitle", "");
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private boolean mappedKnown = true;
    private List<HoleHits> last = List.of();

    public HoleHitsViewModel() {
        selected.addListener((obs, was, is) -> updateDetails());
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        if (s.holeHits().equals(last) && !grid.get().isEmpty()) {
            return;
        }
        last = s.holeHits();
        Map<Integer, List<List<HoleHits>>> byBus = new TreeMap<>();
        for (HoleHits h : s.holeHits()) {
            List<List<HoleHits>> devices = byBus.computeIfAbsent(h.bus(), b -> {
                List<List<HoleHits>> d = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    d.add(new ArrayList<>());
                }
                return d;
            });
            devices.get(h.device()).add(h);
        }
        List<BusRow> rows = new ArrayList<>();
        for (Map.Entry<Integer, List<List<HoleHits>>> e : byBus.entrySet()) {
            List<DeviceCell> cells = new ArrayList<>();
            for (int dev = 0; dev < 32; dev++) {
                List<HoleHits> fns = new ArrayList<>(e.getValue().get(dev));
                fns.sort((a, b) -> Integer.compare(a.function(), b.function()));
                cells.add(new DeviceCell(new DeviceKey(e.getKey(), dev), fns));
            }
            rows.add(new BusRow(e.getKey(), cells));
        }
        mappedKnown = s.holeHits().stream().noneMatch(h -> h.mappedReads() < 0);
        grid.set(List.copyOf(rows));
        summary.set(summarize(s, rows));
        notice.set(mappedKnown || s.holeHits().isEmpty() ? ""
                : "Mapped reads: n/a. On real KVM a read served from a mapped page (a read-only slot of 0xff pages)"
                        + " never leaves the guest, so neither the kernel nor the VMM can count it; only accesses that"
                        + " exit are counted here.");
        updateDetails();
    }

    private String summarize(MachineSnapshot s, List<BusRow> rows) {
        if (s.setup() == null) {
            return "No guest is loaded.";
        }
        if (rows.isEmpty()) {
            return s.setup().variant() + " \u00b7 no config-space access yet";
        }
        long functions = s.holeHits().size();
        long exitReads = 0;
        long kernel = 0;
        long mapped = 0;
        long writes = 0;
        long dropped = 0;
        for (HoleHits h : s.holeHits()) {
            exitReads += h.userspaceReads();
            kernel += h.kernelReads();
            mapped += Math.max(0, h.mappedReads());
            writes += h.writes();
            dropped += h.discardedWrites();
        }
        return String.format("%s \u00b7 %,d functions touched on %d bus%s \u00b7 reads: %,d exited to userspace, %,d"
                + " emulated in the kernel, %s mapped \u00b7 writes: %,d (all exit; %,d dropped)",
                s.setup().variant(), functions, rows.size(), rows.size() == 1 ? "" : "es", exitReads, kernel,
                mappedKnown ? String.format("%,d", mapped) : "n/a", writes, dropped);
    }

    private void updateDetails() {
        DeviceCell cell = cell(selected.get());
        if (cell == null) {
            details.clear();
            detailTitle.set(selected.get() == null ? "Click a device for its functions."
                    : selected.get() + ": no access to any of its functions");
            return;
        }
        details.setAll(cell.functions());
        long present = cell.present().size();
        detailTitle.set(String.format("%s \u00b7 %d function%s touched, %d present \u00b7 %,d accesses",
                cell.key(), cell.functions().size(), cell.functions().size() == 1 ? "" : "s", present,
                cell.total()));
    }

    /** The cell of a device, or null when its bus was never touched or the key is null. */
    public DeviceCell cell(DeviceKey key) {
        if (key == null) {
            return null;
        }
        for (BusRow r : grid.get()) {
            if (r.bus() == key.bus()) {
                DeviceCell c = r.cell(key.device());
                return c.touched() ? c : null;
            }
        }
        return null;
    }

    public void hover(DeviceKey key) {
        if (key == null) {
            hoverText.set("");
            return;
        }
        DeviceCell c = cell(key);
        if (c == null) {
            hoverText.set(key + " \u00b7 not touched");
            return;
        }
        StringJoiner j = new StringJoiner(" \u00b7 ");
        j.add(key.toString());
        if (!c.present().isEmpty()) {
            j.add("present: " + String.join(", ", c.present().stream()
                    .map(h -> String.format(".%d %s", h.function(), h.name())).toList()));
        } else {
            j.add("absent");
        }
        j.add(String.format("reads: %,d exited, %,d in kernel, %s mapped", c.userspaceReads(), c.kernelReads(),
                c.mappedUnknown() ? "n/a" : String.format("%,d", c.mappedReads())));
        j.add(String.format("writes: %,d (%,d dropped)", c.writes(), c.discardedWrites()));
        hoverText.set(j.toString());
    }

    /** "Break on config access" for each touched function of a device (function 0 when none was). */
    public List<Breakpoint.HoleHit> breakpointsFor(DeviceKey key) {
        DeviceCell c = cell(key);
        if (c == null) {
            return List.of(new Breakpoint.HoleHit(key.bus(), key.device(), 0));
        }
        return c.functions().stream().map(h -> new Breakpoint.HoleHit(h.bus(), h.device(), h.function())).toList();
    }

    public boolean mappedKnown() {
        return mappedKnown;
    }

    public ReadOnlyObjectProperty<List<BusRow>> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    public ObservableList<HoleHits> details() {
        return details;
    }

    public ObjectProperty<DeviceKey> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }
}
