package dev.memscope.views.holehits;

import dev.memscope.views.common.CanvasScale;
import dev.memscope.views.paint.TextWidth;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.util.Subscription;

/**
 * The grid of buses and devices on a canvas: each cell is split by how its accesses were served and shows their
 * total; present devices carry a dark bar and their name on a line below the row. Only rows in view are drawn, so a
 * full 256-bus scan costs no more per frame than two buses.
 */
public final class HoleGrid extends Region {
    private static final Font COUNT = Font.font("DejaVu Sans", FontWeight.BOLD, 10);
    private static final Font SMALL = Font.font("DejaVu Sans", 10);
    private static final Font NAME = Font.font("DejaVu Sans", 10.5);

    private final HoleHitsViewModel model;
    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final TextWidth nameWidth = new TextWidth(NAME);
    private final TextWidth countWidth = new TextWidth(COUNT);
    private final TextWidth baseCountWidth = new TextWidth(COUNT);
    private final TextWidth smallWidth = new TextWidth(SMALL);
    private double scale = 1;
    private Font countFont = COUNT;
    private Font smallFont = SMALL;
    private Font nameFont = NAME;
    private final Subscription subscriptions;
    private HoleGridLayout layout;
    private DeviceKey hovered;
    private boolean syncing;

    public HoleGrid(HoleHitsViewModel model) {
        this.model = model;
        setId("holehits-grid");
        getStyleClass().add(HoleHitsView.STYLE_GRID);
        scroll.setId("holehits-scroll");
        scroll.setOrientation(Orientation.VERTICAL);
        getChildren().addAll(canvas, scroll);
        subscriptions = Subscription.combine(
                model.gridProperty().subscribe(() -> {
                    relayout();
                    redraw();
                }),
                model.selectedProperty().subscribe(this::redraw),
                CanvasScale.watch(this, this::requestLayout),
                scroll.valueProperty().subscribe(v -> {
                    if (!syncing) {
                        redraw();
                    }
                }));
        canvas.setOnMouseMoved(this::onMove);
        canvas.setOnMouseExited(e -> {
            hovered = null;
            model.hover(null);
            redraw();
        });
        canvas.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                DeviceKey k = cellAt(e.getX(), e.getY());
                if (k != null) {
                    model.selectedProperty().set(k);
                }
            }
        });
        canvas.setOnScroll(e -> {
            scroll.setValue(Math.max(0, Math.min(scroll.getMax(), scroll.getValue() - e.getDeltaY())));
            e.consume();
        });
    }

    Canvas canvas() {
        return canvas;
    }

    public void dispose() {
        subscriptions.unsubscribe();
    }

    /** The device at a point of this node, or null. */
    public DeviceKey cellAt(double x, double y) {
        return layout == null ? null : layout.cellAt(x, y + scroll.getValue());
    }

    /** The centre of a device's cell in this node's coordinates, or null when its bus has no row. */
    public javafx.geometry.Point2D pointOf(DeviceKey key) {
        double y = layout == null ? -1 : layout.rowY(key.bus());
        if (y < 0) {
            return null;
        }
        return new javafx.geometry.Point2D(layout.cellX(key.device()) + layout.cellW() / 2,
                y - scroll.getValue() + layout.cellH() / 2);
    }

    public HoleGridLayout layoutModel() {
        return layout;
    }

    @Override
    protected void layoutChildren() {
        applyScale();
        double sw = scroll.prefWidth(-1);
        canvas.setWidth(Math.max(1, getWidth() - sw));
        canvas.setHeight(Math.max(1, getHeight()));
        scroll.resizeRelocate(getWidth() - sw, 0, sw, getHeight());
        relayout();
        redraw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return (HoleGridLayout.LEFT + 32 * 26) * scale + 20;
    }

    @Override
    protected double computePrefHeight(double width) {
        return layout == null ? 120 : Math.min(400, layout.height());
    }

    private void relayout() {
        layout = new HoleGridLayout(model.gridProperty().get(), canvas.getWidth(), nameWidth::of, scale);
    }

    /** Follows presenter mode: larger text, cells and gutter on a projector. */
    private void applyScale() {
        double s = CanvasScale.of(this);
        if (s != scale) {
            scale = s;
            countFont = CanvasScale.scaled(COUNT, s);
            smallFont = CanvasScale.scaled(SMALL, s);
            nameFont = CanvasScale.scaled(NAME, s);
            nameWidth.setFont(nameFont);
            countWidth.setFont(countFont);
            smallWidth.setFont(smallFont);
        }
    }

    private void onMove(MouseEvent e) {
        DeviceKey k = cellAt(e.getX(), e.getY());
        if (k == null ? hovered != null : !k.equals(hovered)) {
            hovered = k;
            model.hover(k);
            redraw();
        }
    }

    void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (layout == null) {
            return;
        }
        syncScroll(h);
        double top = scroll.getValue();
        if (layout.rows().isEmpty()) {
            g.setFont(nameFont);
            g.setFill(HoleHitsColours.LABEL);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("No access to the ECAM window yet.", w / 2, h / 2);
            return;
        }
        for (HoleGridLayout.Row row : layout.rows()) {
            double y = row.y() - top;
            if (y + row.height() < layout.header() || y > h) {
                continue;
            }
            drawRow(g, row, y);
        }
        header(g, w);
    }

    private void header(GraphicsContext g, double w) {
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, layout.header());
        g.setFont(smallFont);
        g.setFill(HoleHitsColours.LABEL);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("device", layout.left() - 6, layout.header() / 2);
        g.setTextAlign(TextAlignment.CENTER);
        if (smallWidth.of("00") > layout.cellW() - 3) {
            g.setFont(SMALL); // two hex digits must fit a cell, or the numbers run together
        }
        for (int d = 0; d < 32; d++) {
            g.fillText(String.format("%02x", d), layout.cellX(d) + layout.cellW() / 2, layout.header() / 2);
        }
    }

    private void drawRow(GraphicsContext g, HoleGridLayout.Row row, double y) {
        double cw = layout.cellW();
        g.setFont(smallFont);
        g.setFill(HoleHitsColours.LABEL);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(String.format("bus %02x", row.bus().bus()), layout.left() - 6, y + layout.cellH() / 2);
        for (DeviceCell c : row.bus().cells()) {
            double x = layout.cellX(c.key().device());
            drawCell(g, c, x + 1, y + 1, cw - 2, layout.cellH() - 2);
        }
        g.setFont(nameFont);
        g.setTextAlign(TextAlignment.LEFT);
        for (NameLabels.Placed p : row.labels()) {
            double lineTop = y + layout.cellH() + p.line() * layout.lineH();
            double ly = lineTop + layout.lineH() / 2 + 1;
            g.setStroke(Color.web("#78909c"));
            g.setLineWidth(1);
            double ax = Math.round(p.anchor()) + 0.5;
            if (ax >= p.x() && ax <= p.end()) { // down to just above the text
                g.strokeLine(ax, y + layout.cellH() - 1, ax, lineTop + 2);
            } else { // down to the line, then across to the text
                g.strokeLine(ax, y + layout.cellH() - 1, ax, ly);
                g.strokeLine(ax, ly, ax < p.x() ? p.x() - 2 : p.end() + 2, ly);
            }
            g.setFill(HoleHitsColours.TEXT);
            g.fillText(p.text(), p.x(), ly);
        }
    }

    private void drawCell(GraphicsContext g, DeviceCell c, double x, double y, double w, double h) {
        if (!c.touched()) {
            g.setFill(HoleHitsColours.UNTOUCHED);
            g.fillRect(x, y, w, h);
        } else {
            double total = Math.max(1, c.total());
            double cx = x;
            double[] parts = {c.exits(), c.kernelReads(), c.mappedReads()};
            Color[] colours = {HoleHitsColours.EXIT, HoleHitsColours.KERNEL, HoleHitsColours.MAPPED};
            for (int i = 0; i < parts.length; i++) {
                double pw = i == parts.length - 1 ? x + w - cx : Math.round(w * parts[i] / total);
                if (parts[i] > 0 && pw > 0) {
                    g.setFill(colours[i]);
                    g.fillRect(cx, y, pw, h);
                }
                cx += Math.max(0, pw);
            }
            if (c.total() == 0) { // only reads the backend could not count
                g.setFill(HoleHitsColours.UNTOUCHED);
                g.fillRect(x, y, w, h);
            }
            String count = abbreviate(c.total());
            // in presenter mode a count too wide for its cell at the large size keeps the normal size
            Font f = countWidth.of(count) <= w - 2 ? countFont : baseCountWidth.of(count) <= w - 2 ? COUNT : null;
            if (f != null) {
                g.setFont(f);
                g.setFill(HoleHitsColours.TEXT);
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(count, x + w / 2, y + h / 2 + 2);
            }
        }
        g.setStroke(HoleHitsColours.GRID);
        g.setLineWidth(1);
        g.strokeRect(Math.round(x) - 0.5, Math.round(y) - 0.5, Math.round(w) + 1, Math.round(h) + 1);
        if (!c.present().isEmpty()) {
            g.setFill(HoleHitsColours.PRESENT);
            g.fillRect(x, y, w, 4);
            g.setStroke(HoleHitsColours.PRESENT);
            g.setLineWidth(1.5);
            g.strokeRect(x, y, w, h);
        }
        if (c.key().equals(model.selectedProperty().get())) {
            g.setStroke(HoleHitsColours.SELECTED);
            g.setLineWidth(2.5);
            g.strokeRect(x - 1.5, y - 1.5, w + 3, h + 3);
        } else if (c.key().equals(hovered)) {
            g.setStroke(Color.web("#111111"));
            g.setLineWidth(1);
            g.strokeRect(x - 1, y - 1, w + 2, h + 2);
        }
    }

    /** {@code 7}, {@code 999}, {@code 1.2k}, {@code 65k}, {@code 3.4M}. */
    static String abbreviate(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        if (n < 9_950) {
            return String.format(java.util.Locale.ROOT, "%.1fk", n / 1000.0);
        }
        if (n < 1_000_000) {
            return (n / 1000) + "k";
        }
        return String.format(java.util.Locale.ROOT, "%.1fM", n / 1e6);
    }

    private void syncScroll(double h) {
        syncing = true;
        double max = Math.max(0, layout.height() - h + 4);
        scroll.setMin(0);
        scroll.setMax(max);
        scroll.setVisibleAmount(Math.max(1, h));
        scroll.setUnitIncrement(layout.cellH());
        scroll.setBlockIncrement(Math.max(layout.cellH(), h - 40));
        scroll.setValue(Math.min(scroll.getValue(), max));
        scroll.setVisible(max > 0);
        syncing = false;
    }
}
