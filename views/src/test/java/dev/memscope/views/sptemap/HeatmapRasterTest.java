package dev.memscope.views.sptemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.SpteMap;
import org.junit.jupiter.api.Test;

/**
 * The million-page check: a 4 GiB slot (1,048,576 gfns) rendered whole into the canvas model, and at one gfn per
 * cell. Not a timing assertion; the times are printed for the record.
 */
class HeatmapRasterTest {
    private static final int PAGES = 1 << 20;
    private static final long FIRST = 0x100000L;
    private final int[] palette = SptemapColours.palette();

    private static SpteMap millionPages() {
        byte[] states = new byte[PAGES];
        for (int i = 0; i < PAGES; i++) {
            // a realistic mix: mapped 4K pages with holes, huge runs, some dirty
            states[i] = (byte) ((i >> 9) % 3 == 0 ? SpteMap.PRESENT | SpteMap.WRITABLE | SpteMap.HUGE
                    : (i & 7) == 0 ? SpteMap.PRESENT : 0);
        }
        states[123_456] = (byte) (SpteMap.NO_SLOT | SpteMap.MMIO);
        states[PAGES - 1] = (byte) (SpteMap.PRESENT | SpteMap.WRITABLE | SpteMap.DIRTY);
        return new SpteMap(0, FIRST, states);
    }

    @Test
    void a_million_gfn_map_renders_whole_when_zoomed_out_and_keeps_the_rare_state_visible() {
        long t0 = System.nanoTime();
        GfnClasses data = new GfnClasses(millionPages());
        long t1 = System.nanoTime();
        MapRegion region = new MapRegion("slot 9", 0, 9, FIRST, PAGES, false);
        int w = 1000;
        int h = 600;
        ZoomLevel fit = null;
        for (ZoomLevel z : ZoomLevel.LADDER) {
            HeatmapLayout l = HeatmapLayout.of(region, z, w);
            if (l.rows() * l.cellPx() <= h) {
                fit = z;
            }
        }
        HeatmapLayout layout = HeatmapLayout.of(region, fit, w);
        assertThat(layout.rows() * layout.gfnsPerRow()).isGreaterThanOrEqualTo(PAGES);
        int[] pixels = new int[w * h];
        long t2 = System.nanoTime();
        int cells = HeatmapRaster.render(pixels, w, h, layout, 0, data, palette, 0xFFFFFFFF, 0);
        long t3 = System.nanoTime();
        assertThat((long) cells * fit.gfnsPerCell()).isGreaterThanOrEqualTo(PAGES);

        long mmio = FIRST + 123_456;
        int x = layout.columnOf(mmio) * layout.cellPx();
        int y = (int) layout.rowOf(mmio) * layout.cellPx();
        assertThat(pixels[y * w + x]).as("the one MMIO SPTE shows through its cell").isEqualTo(
                palette[SpteClass.MMIO.code()]);
        long last = FIRST + PAGES - 1;
        assertThat(pixels[(int) layout.rowOf(last) * layout.cellPx() * w + layout.columnOf(last) * layout.cellPx()])
                .isEqualTo(palette[SpteClass.DIRTY.code()]);

        HeatmapLayout fine = HeatmapLayout.of(region, new ZoomLevel(1, 8), w);
        long t4 = System.nanoTime();
        HeatmapRaster.render(pixels, w, h, fine, fine.rowOf(mmio) - 10, data, palette, 0xFFFFFFFF, 8);
        long t5 = System.nanoTime();
        int fx = fine.columnOf(mmio) * 8 + 3;
        int fy = 10 * 8 + 3;
        assertThat(pixels[fy * w + fx]).isEqualTo(palette[SpteClass.MMIO.code()]);
        assertThat(pixels[fy * w + fx + 8]).as("gfn +1: nothing").isEqualTo(palette[SpteClass.NOT_PRESENT.code()]);
        assertThat(pixels[fy * w + fx + 64]).as("gfn +8: a 4K read-only SPTE").isEqualTo(
                palette[SpteClass.READ_ONLY.code()]);
        System.out.printf("1,048,576 gfns, first run: classify %.1f ms; whole map (%s) %.1f ms; 1 gfn/cell %.1f ms%n",
                (t1 - t0) / 1e6, fit.describe(), (t3 - t2) / 1e6, (t5 - t4) / 1e6);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) { // warmed up, as in a session where the pane redraws every frame
            long a = System.nanoTime();
            HeatmapRaster.render(pixels, w, h, layout, 0, data, palette, 0xFFFFFFFF, 0);
            best = Math.min(best, System.nanoTime() - a);
        }
        System.out.printf("1,048,576 gfns, warm: whole map %.1f ms per frame%n", best / 1e6);
    }

    @Test
    void what_is_not_loaded_is_striped_not_coloured_as_a_state() {
        MapRegion region = new MapRegion("slot 9", 0, 9, FIRST, PAGES, false);
        HeatmapLayout l = HeatmapLayout.of(region, new ZoomLevel(1, 8), 256);
        int[] pixels = new int[256 * 64];
        HeatmapRaster.render(pixels, 256, 64, l, 0, null, palette, 0xFFFFFFFF, 0);
        assertThat(pixels).contains(palette[0], 0xFFFFFFFF).doesNotContain(palette[SpteClass.NOT_PRESENT.code()]);
    }
}
