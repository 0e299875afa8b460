package dev.memscope.views.sptemap;

/**
 * Paints the heatmap's grid into an ARGB pixel buffer: one rectangle per visible cell in the colour of its most
 * notable class, a one-pixel gap between cells when they are large enough, and group lines every {@code groupCells}
 * columns (an ECAM device: eight functions). No JavaFX here: the canvas draws the buffer as one image, so a frame costs
 * one pass over the visible pixels and the visible gfns, whatever the region's size.
 */
public final class HeatmapRaster {
    private HeatmapRaster() {
    }

    /**
     * @param pixels {@code width * height} ARGB values, overwritten
     * @param topRow the row at the top (fractional while dragging)
     * @param data the loaded classes, or null for none
     * @param palette ARGB per class code
     * @param groupCells columns per group line, or 0 for none
     * @return the number of cells painted
     */
    public static int render(int[] pixels, int width, int height, HeatmapLayout layout, double topRow,
            GfnClasses data, int[] palette, int background, int groupCells) {
        java.util.Arrays.fill(pixels, 0, width * height, background);
        int px = layout.cellPx();
        boolean gap = px >= 5;
        int body = gap ? px - 1 : px;
        long firstRow = (long) Math.floor(topRow);
        int yOffset = (int) Math.round((topRow - firstRow) * px);
        int cells = 0;
        int g = layout.level().gfnsPerCell();
        boolean groups = groupCells > 0 && groupCells * px >= 24;
        for (long row = firstRow; ; row++) {
            int y0 = (int) ((row - firstRow) * px) - yOffset;
            if (y0 >= height || row >= layout.rows()) {
                break;
            }
            for (int col = 0; col < layout.columns(); col++) {
                long gfn = layout.cellGfn(row, col);
                if (gfn < 0) {
                    break;
                }
                int x0 = col * px;
                if (x0 >= width) {
                    break;
                }
                byte code = data == null ? 0 : g == 1 ? data.code(gfn) : data.maxCode(gfn, gfn + g);
                if (code == 0) {
                    hatch(pixels, width, height, x0, y0, body, body, palette[0], background);
                } else {
                    fill(pixels, width, height, x0, y0, body, body, palette[code]);
                }
                if (groups && col > 0 && col % groupCells == 0) { // a group boundary, beside this cell only
                    darkenColumn(pixels, width, height, x0 - (gap ? 1 : 0), y0, px);
                }
                cells++;
            }
        }
        return cells;
    }

    private static void fill(int[] pixels, int width, int height, int x0, int y0, int w, int h, int argb) {
        int xa = Math.max(0, x0);
        int xb = Math.min(width, x0 + w);
        int ya = Math.max(0, y0);
        int yb = Math.min(height, y0 + h);
        for (int y = ya; y < yb; y++) {
            int base = y * width;
            for (int x = xa; x < xb; x++) {
                pixels[base + x] = argb;
            }
        }
    }

    /** Not loaded: diagonal stripes, so it never reads as a state. */
    private static void hatch(int[] pixels, int width, int height, int x0, int y0, int w, int h, int argb,
            int background) {
        int xa = Math.max(0, x0);
        int xb = Math.min(width, x0 + w);
        int ya = Math.max(0, y0);
        int yb = Math.min(height, y0 + h);
        for (int y = ya; y < yb; y++) {
            int base = y * width;
            for (int x = xa; x < xb; x++) {
                pixels[base + x] = ((x + y) & 4) == 0 ? argb : background;
            }
        }
    }

    private static void darkenColumn(int[] pixels, int width, int height, int x, int y0, int h) {
        if (x < 0 || x >= width) {
            return;
        }
        for (int y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
            pixels[y * width + x] = blend(pixels[y * width + x], 0x48000000);
        }
    }

    /** Darkens {@code argb} by a translucent black {@code over}. */
    static int blend(int argb, int over) {
        int a = over >>> 24;
        int r = ((argb >> 16) & 0xFF) * (255 - a) / 255;
        int gr = ((argb >> 8) & 0xFF) * (255 - a) / 255;
        int b = (argb & 0xFF) * (255 - a) / 255;
        return 0xFF000000 | r << 16 | gr << 8 | b;
    }
}
