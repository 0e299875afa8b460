package dev.memscope.views.memslots;

import java.util.ArrayList;
import java.util.List;

/**
 * The band's horizontal axis at one moment: scale, visible range {@code [u0, u1]} in scale units and the width in
 * pixels it is drawn over (starting at x = {@code left}). Pure, so zoom and ticks are tested without a window.
 */
public record BandAxis(BandScale scale, double u0, double u1, double left, double width) {
    /** Minimum pixels between two tick labels. */
    public static final double TICK_SPACING_PX = 96;

    public double x(double gpa) {
        return left + (scale.toU(gpa) - u0) / (u1 - u0) * width;
    }

    public double gpa(double x) {
        return scale.fromU(u0 + (x - left) / width * (u1 - u0));
    }

    public double startGpa() {
        return scale.fromU(u0);
    }

    public double endGpa() {
        return scale.fromU(u1);
    }

    /** Tick positions (gpas) with labels at least {@link #TICK_SPACING_PX} apart. */
    public List<Long> ticks() {
        List<Long> out = new ArrayList<>();
        double start = Math.max(0, startGpa());
        double end = endGpa();
        boolean wideLog = scale == BandScale.LOG && u1 - u0 > 3;
        if (wideLog) { // powers of two of the address: 4 KiB, 8 KiB, ... as far as they are far enough apart
            double lastX = Double.NEGATIVE_INFINITY;
            if (start <= 0) {
                out.add(0L);
                lastX = x(0);
            }
            for (int k = 12; k < 63; k++) {
                long g = 1L << k;
                if (g < start) {
                    continue;
                }
                if (g > end) {
                    break;
                }
                double gx = x(g);
                if (gx - lastX >= TICK_SPACING_PX) {
                    out.add(g);
                    lastX = gx;
                }
            }
            return out;
        }
        // linear steps: the smallest power of two that keeps labels apart (in log scale, measured where densest)
        double span = end - start;
        double pxPerByte = width / Math.max(1, span);
        if (scale == BandScale.LOG) {
            pxPerByte = Math.min(x(start + 1) - x(start), x(end) - x(end - 1));
            pxPerByte = Math.max(pxPerByte, width / Math.max(1, span) / 64);
        }
        long step = 1;
        while (step < (1L << 62) && step * pxPerByte < TICK_SPACING_PX) {
            step <<= 1;
        }
        long first = (long) Math.ceil(start / step) * step;
        double lastX = Double.NEGATIVE_INFINITY;
        for (long g = first; g <= end && out.size() < 64; g += step) {
            double gx = x(g);
            if (gx - lastX >= TICK_SPACING_PX) {
                out.add(g);
                lastX = gx;
            }
        }
        return out;
    }
}
