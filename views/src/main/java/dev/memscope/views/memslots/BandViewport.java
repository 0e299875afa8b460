package dev.memscope.views.memslots;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The part of the GPA space the band shows: a range {@code [u0, u1]} in the current scale's units, inside
 * {@code [0, extent]}. Zooming keeps the point under the pointer where it is; switching the scale keeps the same gpas
 * in view. Never narrower than {@link #MIN_SPAN_BYTES} (one ECAM device: its eight function pages).
 */
public final class BandViewport {
    public static final double MIN_SPAN_BYTES = 32 * 1024;

    private final ObjectProperty<BandScale> scale = new SimpleObjectProperty<>(this, "scale", BandScale.LINEAR);
    private final ReadOnlyDoubleWrapper u0 = new ReadOnlyDoubleWrapper(this, "u0", 0);
    private final ReadOnlyDoubleWrapper u1 = new ReadOnlyDoubleWrapper(this, "u1", 4.0 * (1L << 30));
    private double extentGpa = 4.0 * (1L << 30);

    public BandViewport() {
        scale.addListener((obs, was, is) -> {
            double g0 = was.fromU(u0.get());
            double g1 = was.fromU(u1.get());
            set(is.toU(g0), is.toU(g1));
        });
    }

    /** A new extent; {@code fit} shows all of it, otherwise the view is only clamped into it. */
    public void setExtent(double extentGpa, boolean fit) {
        this.extentGpa = extentGpa;
        if (fit) {
            fit();
        } else {
            set(u0.get(), u1.get());
        }
    }

    public void fit() {
        set(0, maxU());
    }

    /** Zooms by {@code factor} (greater than 1: in) keeping the point at {@code anchor} (0 left, 1 right) in place. */
    public void zoom(double factor, double anchor) {
        double a = Math.min(1, Math.max(0, anchor));
        double width = u1.get() - u0.get();
        double next = Math.min(maxU(), width / factor);
        double at = u0.get() + a * width;
        double n0 = at - a * next;
        double n1 = n0 + next;
        if (factor > 1 && spanBytes(n0, n1) < MIN_SPAN_BYTES) {
            return;
        }
        set(n0, n1);
    }

    /** Pans by a fraction of the visible width (positive: towards higher addresses). */
    public void pan(double fraction) {
        double width = u1.get() - u0.get();
        set(u0.get() + fraction * width, u1.get() + fraction * width);
    }

    /** Shows [startGpa, endGpa) with a margin of a tenth of its width on each side. */
    public void show(long startGpa, long endGpa) {
        BandScale s = scale.get();
        double a = s.toU(startGpa);
        double b = s.toU(endGpa);
        double margin = Math.max((b - a) / 10, 0);
        double n0 = a - margin;
        double n1 = b + margin;
        if (spanBytes(n0, n1) < MIN_SPAN_BYTES) {
            double mid = (startGpa + endGpa) / 2.0;
            n0 = s.toU(Math.max(0, mid - MIN_SPAN_BYTES / 2));
            n1 = s.toU(mid + MIN_SPAN_BYTES / 2);
        }
        set(n0, n1);
    }

    public BandAxis axis(double left, double width) {
        return new BandAxis(scale.get(), u0.get(), u1.get(), left, width);
    }

    private double spanBytes(double a, double b) {
        return scale.get().fromU(b) - scale.get().fromU(a);
    }

    private double maxU() {
        return scale.get().toU(extentGpa);
    }

    private void set(double a, double b) {
        double width = Math.min(b - a, maxU());
        double n0 = Math.max(0, Math.min(a, maxU() - width));
        u0.set(n0);
        u1.set(n0 + width);
    }

    public ObjectProperty<BandScale> scaleProperty() {
        return scale;
    }

    public ReadOnlyDoubleProperty u0Property() {
        return u0.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty u1Property() {
        return u1.getReadOnlyProperty();
    }

    public double extentGpa() {
        return extentGpa;
    }
}
