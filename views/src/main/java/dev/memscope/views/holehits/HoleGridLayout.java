package dev.memscope.views.holehits;

import dev.memscope.emulator.api.HoleHits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Geometry of the hole-hit grid: 32 device columns after a bus-label gutter, one row per touched bus, each row as tall
 * as its cells plus the text lines its present devices' names need. Pure, so hit-testing is tested without a window.
 */
public final class HoleGridLayout {
    // At normal size; a layout at scale s (presenter mode) multiplies each by s.
    public static final double LEFT = 54;
    public static final double HEADER = 18;
    public static final double CELL_H = 26;
    public static final double LINE_H = 14;
    public static final double ROW_GAP = 6;
    public static final double MIN_CELL_W = 20;

    /** One laid-out bus row. */
    public record Row(BusRow bus, double y, double height, List<NameLabels.Placed> labels) {
    }

    private final double scale;
    private final double left;
    private final double cellW;
    private final List<Row> rows = new ArrayList<>();
    private final double height;

    public HoleGridLayout(List<BusRow> buses, double width, ToDoubleFunction<String> widthOf) {
        this(buses, width, widthOf, 1);
    }

    /** @param scale 1, or larger in presenter mode: margins, cell heights and text lines grow by it */
    public HoleGridLayout(List<BusRow> buses, double width, ToDoubleFunction<String> widthOf, double scale) {
        this.scale = scale;
        this.left = LEFT * scale;
        this.cellW = Math.max(MIN_CELL_W, Math.floor((width - left - 4) / 32)); // narrow cells drop their counts
        double right = Math.max(left + 32 * cellW, width - 4);
        double y = header();
        for (BusRow bus : buses) {
            List<NameLabels.Request> requests = new ArrayList<>();
            for (DeviceCell c : bus.cells()) {
                List<HoleHits> present = c.present();
                if (!present.isEmpty()) {
                    requests.add(new NameLabels.Request(label(present), cellX(c.key().device()), cellW));
                }
            }
            List<NameLabels.Placed> labels = NameLabels.place(requests, 2, right, widthOf);
            double h = cellH() + NameLabels.lines(labels) * lineH() + ROW_GAP * scale;
            rows.add(new Row(bus, y, h, labels));
            y += h;
        }
        height = y;
    }

    /** {@code 1f.0 ICH9 LPC bridge +2}: the first present function's name, and how many more there are. */
    static String label(List<HoleHits> present) {
        HoleHits first = present.get(0);
        String more = present.size() > 1 ? " +" + (present.size() - 1) : "";
        return String.format("%02x.%d %s%s", first.device(), first.function(), first.name(), more);
    }

    public double cellW() {
        return cellW;
    }

    /** The bus-label gutter's width. */
    public double left() {
        return left;
    }

    /** The device-number header's height. */
    public double header() {
        return HEADER * scale;
    }

    public double cellH() {
        return CELL_H * scale;
    }

    /** The height of one line of device names under a row. */
    public double lineH() {
        return LINE_H * scale;
    }

    public double cellX(int device) {
        return left + device * cellW;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Total height of the grid, header included. */
    public double height() {
        return height;
    }

    /** The device cell at a point of the grid (y already scrolled), or null. */
    public DeviceKey cellAt(double x, double y) {
        if (x < left || x >= left + 32 * cellW) {
            return null;
        }
        for (Row r : rows) {
            if (y >= r.y() && y < r.y() + cellH()) {
                return new DeviceKey(r.bus().bus(), (int) ((x - left) / cellW));
            }
        }
        return null;
    }

    /** The top of a bus's row, or -1 when the bus has none. */
    public double rowY(int bus) {
        return rows.stream().filter(r -> r.bus().bus() == bus).mapToDouble(Row::y).findFirst().orElse(-1);
    }
}
