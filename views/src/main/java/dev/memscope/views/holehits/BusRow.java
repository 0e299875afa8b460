package dev.memscope.views.holehits;

import java.util.List;

/** One bus of the grid: its 32 device cells (untouched ones empty). */
public record BusRow(int bus, List<DeviceCell> cells) {
    public BusRow {
        cells = List.copyOf(cells);
        if (cells.size() != 32) {
            throw new IllegalArgumentException("a bus has 32 devices, not " + cells.size());
        }
    }

    public DeviceCell cell(int device) {
        return cells.get(device);
    }
}
