package dev.memscope.views.sptemap;

/**
 * Where each gfn of a region sits in the heatmap at one zoom level: row-major cells, {@code columns} to a row, rows
 * starting at gfns aligned to at least {@link #ALIGN} cells (so an ECAM device's eight functions never straddle two
 * rows). Pure.
 */
public record HeatmapLayout(long firstGfn, long pages, ZoomLevel level, int columns) {

    /** Column counts other than powers of two are multiples of this (four ECAM devices, 128 KiB of RAM). */
    public static final int ALIGN = 32;

    /**
     * As many columns as fit {@code widthPx}: a power of two when that wastes at most a quarter of the width (rows
     * then start at aligned gfns: one bus per row in the ECAM window at 256 columns), else a multiple of
     * {@link #ALIGN} (but always a power of two in the ECAM window); never more than the region needs.
     */
    public static HeatmapLayout of(MapRegion region, ZoomLevel level, double widthPx) {
        long cells = Math.max(1, (region.pages() + level.gfnsPerCell() - 1) / level.gfnsPerCell());
        int fit = (int) Math.max(1, Math.floor(widthPx / level.cellPx()));
        int pow = Integer.highestOneBit(fit);
        int aligned = fit - fit % ALIGN;
        // the ECAM window always gets power-of-two rows: a bus, half a bus, ... so that bus boundaries line up
        int columns = region.ecam() || aligned == 0 || pow * 4L >= aligned * 3L ? pow : aligned;
        long needed = cells == 1 ? 1 : Long.highestOneBit(cells - 1) << 1;
        columns = (int) Math.max(1, Math.min(columns, needed));
        return new HeatmapLayout(region.firstGfn(), region.pages(), level, columns);
    }

    public long gfnsPerRow() {
        return (long) columns * level.gfnsPerCell();
    }

    public long rows() {
        return (pages + gfnsPerRow() - 1) / gfnsPerRow();
    }

    public int cellPx() {
        return level.cellPx();
    }

    public double widthPx() {
        return (double) columns * level.cellPx();
    }

    public long endGfn() {
        return firstGfn + pages;
    }

    public long rowOf(long gfn) {
        return (gfn - firstGfn) / gfnsPerRow();
    }

    public int columnOf(long gfn) {
        return (int) ((gfn - firstGfn) % gfnsPerRow() / level.gfnsPerCell());
    }

    /** The first gfn of a cell, or -1 when the cell lies past the region's end. */
    public long cellGfn(long row, int column) {
        if (row < 0 || column < 0 || column >= columns) {
            return -1;
        }
        long g = firstGfn + row * gfnsPerRow() + (long) column * level.gfnsPerCell();
        return g < endGfn() ? g : -1;
    }

    /** The gfns [first, end) of the cell at a point of the grid (pixels from its top-left; {@code topRow} scrolled). */
    public long[] cellAt(double x, double y, double topRow) {
        if (x < 0 || y < 0 || x >= widthPx()) {
            return null;
        }
        long row = (long) Math.floor(topRow + y / level.cellPx());
        int col = (int) Math.floor(x / level.cellPx());
        long g = cellGfn(row, col);
        return g < 0 ? null : new long[] {g, Math.min(g + level.gfnsPerCell(), endGfn())};
    }
}
