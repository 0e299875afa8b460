package dev.memscope.views.sptemap;

import dev.memscope.views.common.CanvasScale;
import dev.memscope.views.gpa.EcamWindow;
import dev.memscope.views.paint.TextWidth;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Subscription;

/**
 * The heatmap: the grid painted by {@link HeatmapRaster} as one image, row labels (gpa, or bus and device in the ECAM
 * window) on the left, column offsets on top, and a scroll bar. Wheel zooms around the pointer, drag scrolls, hover
 * outlines the cell and describes it.
 */
public final class SpteMapCanvas extends Region {
    /** Margins at normal size: row labels on the left, column labels on top (both grow in presenter mode). */
    public static final double LEFT = 92;
    public static final double TOP = 20;
    public static final double RIGHT_PAD = 6;
    private static final Font LABEL = Font.font("DejaVu Sans Mono", 10.5);
    private static final Font MESSAGE = Font.font("DejaVu Sans", 13);
    private double scale = 1;
    private Font label = LABEL;
    private Font messageFont = MESSAGE;

    private final SptemapViewModel model;
    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final TextWidth text = new TextWidth(LABEL);
    private final int[] palette = SptemapColours.palette();
    private final Subscription subscriptions;
    private WritableImage image;
    private int[] pixels = new int[0];
    private long[] hovered;
    private double pressY;
    private boolean syncing;
    private long lastRenderNanos;

    public SpteMapCanvas(SptemapViewModel model) {
        this.model = model;
        setId("sptemap-canvas");
        getStyleClass().add(SptemapView.STYLE_CANVAS);
        scroll.setId("sptemap-scroll");
        scroll.setOrientation(Orientation.VERTICAL);
        getChildren().addAll(canvas, scroll);
        subscriptions = Subscription.combine(
                model.dataProperty().subscribe(this::redraw),
                model.zoomProperty().subscribe(this::redraw),
                model.topRowProperty().subscribe(this::redraw),
                model.regionProperty().subscribe(this::redraw),
                model.noticeProperty().subscribe(this::redraw),
                model.highlightsProperty().subscribe(this::redraw),
                CanvasScale.watch(this, this::requestLayout),
                scroll.valueProperty().subscribe(v -> {
                    if (!syncing) {
                        model.scrollTo(v.doubleValue());
                    }
                }));
        canvas.setOnMouseMoved(this::onMove);
        canvas.setOnMouseExited(e -> {
            hovered = null;
            model.hover(-1, -1);
            redraw();
        });
        canvas.setOnScroll(this::onScroll);
        canvas.setOnMousePressed(e -> pressY = e.getY());
        canvas.setOnMouseDragged(e -> {
            if (e.isPrimaryButtonDown()) {
                model.panBy(pressY - e.getY());
                pressY = e.getY();
            }
        });
    }

    Canvas canvas() {
        return canvas;
    }

    /** Left margin (row labels) at the current scale. */
    public double left() {
        return LEFT * scale;
    }

    /** Top margin (column labels) at the current scale. */
    public double top() {
        return TOP * scale;
    }

    /** Follows presenter mode: larger labels and margins on a projector. */
    private void applyScale() {
        double s = CanvasScale.of(this);
        if (s != scale) {
            scale = s;
            label = CanvasScale.scaled(LABEL, s);
            messageFont = CanvasScale.scaled(MESSAGE, s);
            text.setFont(label);
        }
    }

    public void dispose() {
        subscriptions.unsubscribe();
    }

    /** The cell [first, end) at a point of this node, or null. */
    public long[] cellAt(double x, double y) {
        HeatmapLayout l = model.layout();
        return l == null ? null : l.cellAt(x - left(), y - top(), model.topRowProperty().get());
    }

    /** The centre of a gfn's cell in this node's coordinates (for tests), or null when out of view. */
    public javafx.geometry.Point2D pointOf(long gfn) {
        HeatmapLayout l = model.layout();
        if (l == null || gfn < l.firstGfn() || gfn >= l.endGfn()) {
            return null;
        }
        double y = top() + (l.rowOf(gfn) - model.topRowProperty().get() + 0.5) * l.cellPx();
        double x = left() + (l.columnOf(gfn) + 0.5) * l.cellPx();
        return y < top() || y > getHeight() ? null : new javafx.geometry.Point2D(x, y);
    }

    /** Nanoseconds the last frame took to paint (raster and labels). */
    public long lastRenderNanos() {
        return lastRenderNanos;
    }

    @Override
    protected void layoutChildren() {
        applyScale();
        double sw = scroll.prefWidth(-1);
        canvas.setWidth(Math.max(1, getWidth() - sw));
        canvas.setHeight(Math.max(1, getHeight()));
        scroll.resizeRelocate(getWidth() - sw, 0, sw, getHeight());
        model.setGridSize(Math.max(8, canvas.getWidth() - left() - RIGHT_PAD), Math.max(8, getHeight() - top() - 2));
        redraw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 640;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 360;
    }

    private void onMove(MouseEvent e) {
        hovered = cellAt(e.getX(), e.getY());
        model.hover(e.getX() - left(), e.getY() - top());
        redraw();
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            model.zoomBy(e.getDeltaY() > 0 ? 1 : -1, Math.max(0, e.getX() - left()), Math.max(0, e.getY() - top()));
            e.consume();
        }
    }

    void redraw() {
        long start = System.nanoTime();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(SptemapColours.BACKGROUND);
        g.fillRect(0, 0, w, h);
        HeatmapLayout l = model.layout();
        String message = model.canvasMessage();
        if (l == null || message != null) {
            message(g, w, h, message == null ? "No region to show." : message);
            syncScroll(null);
            return;
        }
        int gw = (int) Math.min(Math.floor(w - left() - RIGHT_PAD), Math.ceil(l.widthPx()));
        int gh = (int) Math.floor(h - top() - 2);
        if (gw <= 0 || gh <= 0) {
            return;
        }
        if (image == null || (int) image.getWidth() != gw || (int) image.getHeight() != gh) {
            image = new WritableImage(gw, gh);
            pixels = new int[gw * gh];
        }
        EcamWindow ecam = model.space().ecam();
        boolean inEcam = ecam != null && ecam.containsGfn(l.firstGfn()) && !l.level().aggregated();
        HeatmapRaster.render(pixels, gw, gh, l, model.topRowProperty().get(), model.dataProperty().get(), palette,
                SptemapColours.argb(SptemapColours.BACKGROUND), inEcam ? EcamWindow.FUNCTIONS_PER_DEVICE : 0);
        image.getPixelWriter().setPixels(0, 0, gw, gh, PixelFormat.getIntArgbInstance(), pixels, 0, gw);
        g.setImageSmoothing(false);
        g.drawImage(image, left(), top());
        labels(g, l, gh, ecam);
        if (hovered != null) {
            javafx.geometry.Point2D p = pointOf(hovered[0]);
            if (p != null) {
                g.setStroke(Color.web("#111111"));
                g.setLineWidth(1.5);
                double half = l.cellPx() / 2.0;
                g.strokeRect(p.getX() - half - 1, p.getY() - half - 1, l.cellPx() + 2, l.cellPx() + 2);
            }
        }
        outlineHighlights(g, l, gh);
        syncScroll(l);
        lastRenderNanos = System.nanoTime() - start;
    }

    /** Outlines the cells of every highlighted gfn range in view, row by row. */
    private void outlineHighlights(GraphicsContext g, HeatmapLayout l, int gh) {
        double w = dev.memscope.views.common.Highlights.strokeWidth(this);
        g.setStroke(dev.memscope.views.common.Highlights.COLOUR);
        g.setLineWidth(w);
        double top = model.topRowProperty().get();
        int px = l.cellPx();
        for (long[] r : model.highlightedRanges()) {
            long first = Math.max(r[0], l.firstGfn());
            long end = Math.min(r[1], l.endGfn());
            for (long row = first < end ? l.rowOf(first) : 1; first < end && row <= l.rowOf(end - 1); row++) {
                double y = top() + (row - top) * px;
                if (y + px < top() || y > top() + gh) {
                    continue;
                }
                long rowStart = l.firstGfn() + row * l.gfnsPerRow();
                int c0 = l.columnOf(Math.max(first, rowStart));
                int c1 = l.columnOf(Math.min(end, rowStart + l.gfnsPerRow()) - 1);
                g.strokeRect(left() + c0 * px - w / 2, y - w / 2, (c1 - c0 + 1) * px + w, px + w);
            }
        }
    }

    private void message(GraphicsContext g, double w, double h, String text) {
        g.setFont(messageFont);
        g.setFill(Color.web("#546e7a"));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, w / 2, h / 2);
    }

    private void labels(GraphicsContext g, HeatmapLayout l, int gh, EcamWindow ecam) {
        g.setFont(label);
        g.setFill(Color.web("#37474f"));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        int px = l.cellPx();
        int rowStep = 1;
        while (rowStep * px < 14 * scale) {
            rowStep <<= 1;
        }
        double top = model.topRowProperty().get();
        long first = (long) Math.floor(top);
        for (long row = first - first % rowStep; row < l.rows(); row += rowStep) {
            double y = top() + (row - top) * px + Math.min(px, 14 * scale) / 2.0;
            if (y < top()) {
                continue;
            }
            if (y > top() + gh) {
                break;
            }
            long gfn = l.firstGfn() + row * l.gfnsPerRow();
            g.fillText(rowLabel(gfn, l, ecam), left() - 6, y);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        int colStep = 1;
        String widest = columnLabel(l.gfnsPerRow() - l.level().gfnsPerCell(), l, ecam);
        while (colStep * px < text.of(widest) + 10 && colStep < l.columns()) {
            colStep <<= 1;
        }
        for (int col = 0; col < l.columns(); col += colStep) {
            long offset = (long) col * l.level().gfnsPerCell();
            double x = left() + col * px;
            g.setStroke(Color.web("#90a4ae"));
            g.setLineWidth(1);
            g.strokeLine(Math.round(x) + 0.5, top() - 5, Math.round(x) + 0.5, top() - 1);
            g.fillText(columnLabel(offset, l, ecam), x + 2, top() - 3);
        }
    }

    private static boolean ecamRows(HeatmapLayout l, EcamWindow ecam) {
        return ecam != null && ecam.containsGfn(l.firstGfn()) && l.firstGfn() >= ecam.firstGfn();
    }

    private static String rowLabel(long gfn, HeatmapLayout l, EcamWindow ecam) {
        if (ecamRows(l, ecam)) {
            long page = gfn - ecam.firstGfn();
            if (l.gfnsPerRow() >= EcamWindow.PAGES_PER_BUS && page % EcamWindow.PAGES_PER_BUS == 0) {
                return String.format("bus %02x", page >> 8);
            }
            return String.format("%02x:%02x.%d", page >> 8, page >> 3 & 31, page & 7);
        }
        return String.format("0x%x", gfn << 12);
    }

    private static String columnLabel(long offset, HeatmapLayout l, EcamWindow ecam) {
        if (ecamRows(l, ecam) && l.gfnsPerRow() == EcamWindow.PAGES_PER_BUS && offset % 8 == 0) {
            return String.format("dev %02x", offset >> 3);
        }
        return String.format("+0x%x", offset);
    }

    private void syncScroll(HeatmapLayout l) {
        syncing = true;
        if (l == null) {
            scroll.setMax(0);
            scroll.setVisibleAmount(1);
            scroll.setValue(0);
        } else {
            double visible = model.visibleRows();
            scroll.setMin(0);
            scroll.setMax(Math.max(0, l.rows() - visible));
            scroll.setVisibleAmount(Math.min(visible, Math.max(1, l.rows())));
            scroll.setUnitIncrement(1);
            scroll.setBlockIncrement(Math.max(1, visible - 1));
            scroll.setValue(model.topRowProperty().get());
        }
        syncing = false;
    }
}
