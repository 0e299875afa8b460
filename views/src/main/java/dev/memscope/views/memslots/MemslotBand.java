package dev.memscope.views.memslots;

import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.views.common.CanvasScale;
import dev.memscope.views.common.Highlights;
import dev.memscope.views.gpa.EcamWindow;
import dev.memscope.views.gpa.MemslotFlags;
import dev.memscope.views.gpa.Sizes;
import dev.memscope.views.common.CanvasScale;
import dev.memscope.views.paint.TextWidth;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.util.Subscription;

/**
 * The GPA space as a band, drawn on a canvas: a lane for the VMM's map (RAM, the ECAM window with its buses, devices
 * and present functions), a lane of memslots per address space with the gaps between them, and an axis. Wheel zooms
 * around the pointer, drag pans, click selects a slot, double-click zooms to it. The lanes' geometry is public so tests
 * can point at things.
 */
public final class MemslotBand extends Region {
    // At normal size; in presenter mode each grows by CanvasScale.PRESENTER.
    public static final double GUTTER = 74;
    public static final double RIGHT_PAD = 10;
    public static final double TOP = 6;
    public static final double LANE_H = 30;
    public static final double LANE_GAP = 6;
    public static final double AXIS_H = 24;
    private static final Font FONT = Font.font("DejaVu Sans", 11);
    private static final Font SMALL = Font.font("DejaVu Sans", 10);
    private static final Font LANE_FONT = Font.font("DejaVu Sans", FontWeight.BOLD, 11);

    private final MemslotsViewModel model;
    private final Canvas canvas = new Canvas();
    private final TextWidth text = new TextWidth(FONT);
    private final TextWidth smallText = new TextWidth(SMALL);
    private final TextWidth baseText = new TextWidth(FONT);
    private double scale = 1;
    private double gutter = GUTTER;
    private double rightPad = RIGHT_PAD;
    private double top = TOP;
    private double laneH = LANE_H;
    private double laneGap = LANE_GAP;
    private double axisH = AXIS_H;
    private Font font = FONT;
    private Font smallFont = SMALL;
    private Font laneFont = LANE_FONT;
    private final Subscription subscriptions;
    private final AnimationTimer pulseTimer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            redraw();
            if (model.pulse() <= 0) {
                stop();
            }
        }
    };
    private double hoverX = -1;
    private double pressX;
    private boolean dragged;

    public MemslotBand(MemslotsViewModel model) {
        this.model = model;
        setId("memslots-band");
        getStyleClass().add(MemslotsView.STYLE_BAND);
        getChildren().add(canvas);
        BandViewport v = model.viewport();
        subscriptions = Subscription.combine(
                model.layoutProperty().subscribe(this::redraw),
                v.u0Property().subscribe(this::redraw),
                v.u1Property().subscribe(this::redraw),
                model.selectedProperty().subscribe(this::redraw),
                model.highlightsProperty().subscribe(this::redraw),
                CanvasScale.watch(this, () -> {
                    applyScale();
                    requestLayout();
                    redraw();
                }),
                model.changeSerialProperty().subscribe(() -> {
                    redraw();
                    if (model.pulse() > 0) {
                        pulseTimer.start();
                    }
                }));
        canvas.setOnMouseMoved(this::onMove);
        canvas.setOnMouseExited(e -> {
            hoverX = -1;
            model.hover(-1, 0);
            redraw();
        });
        canvas.setOnScroll(this::onScroll);
        canvas.setOnMousePressed(e -> {
            if (!e.isPrimaryButtonDown()) {
                return;
            }
            pressX = e.getX();
            dragged = false;
        });
        canvas.setOnMouseDragged(this::onDrag);
        canvas.setOnMouseReleased(this::onRelease);
    }

    /** The canvas the band draws on (context menus attach to it). */
    Canvas canvas() {
        return canvas;
    }

    public void dispose() {
        subscriptions.unsubscribe();
        pulseTimer.stop();
    }

    @Override
    protected double computePrefHeight(double width) {
        return bandHeight();
    }

    @Override
    protected double computeMinHeight(double width) {
        return bandHeight();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 600;
    }

    /** Follows presenter mode: larger text, lanes and gutter on a projector. */
    private void applyScale() {
        double s = CanvasScale.of(this);
        if (s != scale) {
            scale = s;
            gutter = GUTTER * s;
            rightPad = RIGHT_PAD * s;
            top = TOP * s;
            laneH = LANE_H * s;
            laneGap = LANE_GAP * s;
            axisH = AXIS_H * s;
            font = CanvasScale.scaled(FONT, s);
            smallFont = CanvasScale.scaled(SMALL, s);
            laneFont = CanvasScale.scaled(LANE_FONT, s);
            text.setFont(font);
            smallText.setFont(smallFont);
        }
    }

    private double bandHeight() {
        return top + model.layoutProperty().get().lanes().size() * (laneH + laneGap) + axisH;
    }

    @Override
    protected void layoutChildren() {
        applyScale();
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    public BandAxis axis() {
        return model.viewport().axis(gutter, Math.max(1, getWidth() - gutter - rightPad));
    }

    /** The lane at y, or -1. */
    public int laneAt(double y) {
        int lane = (int) Math.floor((y - top) / (laneH + laneGap));
        double inLane = y - top - lane * (laneH + laneGap);
        return lane >= 0 && lane < model.layoutProperty().get().lanes().size() && inLane <= laneH ? lane : -1;
    }

    /** The vertical middle of a lane, for tests and tooltips. */
    public double laneCenterY(int lane) {
        return top + lane * (laneH + laneGap) + laneH / 2;
    }

    /** The slot segment under a point, or null. */
    public MemslotInfo slotAt(double x, double y) {
        int lane = laneAt(y);
        if (lane < 0 || x < gutter) {
            return null;
        }
        BandLayout.Segment s = model.layoutProperty().get().segmentAt(lane, (long) axis().gpa(x));
        return s == null ? null : s.slot();
    }

    private int asIdAt(double y) {
        int lane = laneAt(y);
        return lane > 0 ? model.layoutProperty().get().lanes().get(lane).asId() : 0;
    }

    private void onMove(MouseEvent e) {
        hoverX = e.getX() >= gutter ? e.getX() : -1;
        model.hover(hoverX < 0 ? -1 : axis().gpa(e.getX()), asIdAt(e.getY()));
        redraw();
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        BandAxis a = axis();
        // a wheel notch is 40 on desktop platforms (1 on the headless one): zoom by at least a quarter notch
        double notches = Math.signum(e.getDeltaY()) * Math.max(Math.abs(e.getDeltaY()) / 40, 0.25);
        model.viewport().zoom(Math.pow(1.25, notches), (e.getX() - a.left()) / a.width());
        e.consume();
    }

    private void onDrag(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        double dx = e.getX() - pressX;
        if (Math.abs(dx) > 3 || dragged) {
            dragged = true;
            model.viewport().pan(-dx / axis().width());
            pressX = e.getX();
        }
    }

    private void onRelease(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        MemslotInfo slot = slotAt(e.getX(), e.getY());
        if (slot != null) {
            model.selectedProperty().set(SlotKey.of(slot));
            if (e.getClickCount() == 2) {
                model.viewport().show(slot.gpaStart(), slot.gpaEnd());
            }
        }
    }

    void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        BandLayout layout = model.layoutProperty().get();
        BandAxis axis = axis();
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < layout.lanes().size(); i++) {
            BandLayout.Lane lane = layout.lanes().get(i);
            double y = top + i * (laneH + laneGap);
            g.setFont(laneFont);
            g.setFill(Color.web("#37474f"));
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(lane.label(), gutter - 8, y + laneH / 2);
            g.save();
            g.beginPath();
            g.rect(gutter, y - 4, axis.width(), laneH + 8);
            g.clip();
            for (BandLayout.Segment s : lane.segments()) {
                drawSegment(g, axis, s, y);
            }
            if (i == 0 && layout.ecam() != null) {
                drawEcam(g, axis, layout.ecam(), y);
            }
            if (i > 0) {
                drawMarks(g, axis, lane.asId(), y);
            }
            g.restore();
        }
        drawAxis(g, axis, top + layout.lanes().size() * (laneH + laneGap));
        if (hoverX >= gutter) {
            g.setStroke(Color.web("#263238", 0.7));
            g.setLineWidth(1);
            g.setLineDashes();
            g.strokeLine(Math.floor(hoverX) + 0.5, top - 2, Math.floor(hoverX) + 0.5,
                    top + layout.lanes().size() * (laneH + laneGap));
        }
    }

    private void drawSegment(GraphicsContext g, BandAxis axis, BandLayout.Segment s, double y) {
        double x0 = axis.x(s.startGpa());
        double x1 = axis.x(s.endGpa());
        if (x1 < axis.left() - 1 || x0 > axis.left() + axis.width() + 1) {
            return;
        }
        if (x1 - x0 < 1) {
            x1 = x0 + 1;
        }
        // clamp to the visible part: the software pipeline drops rectangles millions of pixels wide
        x0 = Math.max(x0, axis.left() - 4);
        x1 = Math.min(x1, axis.left() + axis.width() + 4);
        Color fill = switch (s.kind()) {
            case RAM -> MemslotColours.RAM;
            case ECAM -> MemslotColours.ECAM;
            case GAP -> MemslotColours.GAP;
            case SLOT -> MemslotColours.of(MemslotFlags.kind(s.slot().flags()));
        };
        g.setFill(fill);
        g.fillRect(x0, y, x1 - x0, laneH);
        if (s.kind() == BandLayout.SegmentKind.GAP) {
            hatch(g, Math.max(x0, axis.left()), Math.min(x1, axis.left() + axis.width()), y);
        } else if (x1 - x0 >= 3) {
            g.setStroke(MemslotColours.OUTLINE);
            g.setLineWidth(1);
            g.setLineDashes();
            g.strokeRect(Math.round(x0) + 0.5, y + 0.5, Math.max(1, Math.round(x1 - x0) - 1), laneH - 1);
        }
        if (s.kind() == BandLayout.SegmentKind.SLOT && MemslotFlags.isInvalid(s.slot().flags())) {
            g.setStroke(MemslotColours.INVALID);
            g.setLineWidth(2);
            g.setLineDashes(4, 3);
            g.strokeRect(x0 + 2, y + 2, Math.max(1, x1 - x0 - 4), laneH - 4);
            g.setLineDashes();
        }
        if (s.kind() == BandLayout.SegmentKind.ECAM) {
            return; // labelled by drawEcam, which knows about buses
        }
        double vx0 = Math.max(x0, axis.left());
        double vx1 = Math.min(x1, axis.left() + axis.width());
        String label = text.firstFitting(vx1 - vx0 - 8, labels(s));
        g.setFont(font);
        if (label == null && scale != 1) { // in presenter mode, a label that fits only at normal size keeps it
            label = baseText.firstFitting(vx1 - vx0 - 8, labels(s));
            g.setFont(FONT);
        }
        if (label != null) {
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(s.kind() == BandLayout.SegmentKind.GAP ? Color.web("#607d8b") : MemslotColours.TEXT);
            g.fillText(label, (vx0 + vx1) / 2, y + laneH / 2);
        }
    }

    private static String[] labels(BandLayout.Segment s) {
        String size = Sizes.of(s.bytes());
        return switch (s.kind()) {
            case RAM -> new String[] {"RAM \u00b7 " + size, "RAM"};
            case ECAM -> new String[] {"ECAM"};
            case GAP -> new String[] {"no memslot \u00b7 " + size, "no memslot", "gap"};
            case SLOT -> {
                MemslotInfo m = s.slot();
                String kind = m.flags() == 0 ? "memory" : MemslotFlags.describe(m.flags() & 0xFFFF);
                yield new String[] {String.format("slot %d \u00b7 %s \u00b7 %s", m.id(), kind, size),
                        String.format("slot %d \u00b7 %s", m.id(), kind), "slot " + m.id(), Integer.toString(m.id())};
            }
        };
    }

    private void hatch(GraphicsContext g, double x0, double x1, double y) {
        g.setStroke(MemslotColours.GAP_HATCH);
        g.setLineWidth(1);
        g.setLineDashes();
        double start = Math.floor((x0 - laneH) / 8) * 8;
        for (double x = start; x < x1; x += 8) {
            double a = Math.max(x, x0);
            double b = Math.min(x + laneH, x1);
            if (b > a) {
                g.strokeLine(a, y + laneH - (a - x), b, y + laneH - (b - x));
            }
        }
    }

    /** Bus and device boundaries and present functions, as far as the zoom lets them be seen. */
    private void drawEcam(GraphicsContext g, BandAxis axis, EcamWindow ecam, double y) {
        double x0 = Math.max(axis.x(ecam.base()), axis.left());
        double x1 = Math.min(axis.x(ecam.end()), axis.left() + axis.width());
        if (x1 <= x0) {
            return;
        }
        double busPx = axis.x(ecam.base() + (1 << 20)) - axis.x(ecam.base());
        double devPx = axis.x(ecam.base() + (1 << 15)) - axis.x(ecam.base());
        g.setLineDashes();
        g.setLineWidth(1);
        g.setFont(smallFont);
        g.setTextAlign(TextAlignment.LEFT);
        if (devPx >= 6) {
            drawDivisions(g, axis, ecam, y, 1 << 15, x0, x1, Color.web("#78909c", 0.45), devPx >= 36 ? "dev" : null);
        }
        if (busPx >= 6) {
            drawDivisions(g, axis, ecam, y, 1 << 20, x0, x1, Color.web("#37474f", 0.7),
                    busPx >= 44 && devPx < 36 ? "bus" : null);
        }
        double pagePx = axis.x(ecam.base() + 4096) - axis.x(ecam.base());
        for (Map.Entry<Integer, String> f : model.space().presentFunctions().entrySet()) {
            long gpa = ecam.base() + ((long) f.getKey() << 12);
            double fx = axis.x(gpa);
            if (fx + Math.max(2, pagePx) < x0 || fx > x1) {
                continue;
            }
            g.setFill(MemslotColours.PRESENT_FUNCTION);
            g.fillRect(fx, y + laneH - 9 * scale, Math.max(2, pagePx), 9 * scale);
            int page = f.getKey();
            String bdf = String.format("%02x:%02x.%d", page >> 8, page >> 3 & 31, page & 7);
            String label = smallText.firstFitting(Math.max(pagePx, 0) - 4, bdf + " " + f.getValue(), bdf);
            if (label != null) {
                g.setFill(MemslotColours.TEXT);
                g.fillText(label, fx + 2, y + 8);
            }
        }
        String title = String.format("ECAM \u00b7 %d buses \u00b7 %s", ecam.buses(), Sizes.of(ecam.bytes()));
        if (busPx < 44) {
            String fit = text.firstFitting(x1 - x0 - 8, title, "ECAM");
            g.setFont(font);
            if (fit == null && scale != 1) {
                fit = baseText.firstFitting(x1 - x0 - 8, title, "ECAM");
                g.setFont(FONT);
            }
            if (fit != null) {
                g.setTextAlign(TextAlignment.CENTER);
                g.setFill(MemslotColours.TEXT);
                g.fillText(fit, (x0 + x1) / 2, y + laneH / 2 - (devPx >= 6 ? 4 : 0));
            }
        }
    }

    private void drawDivisions(GraphicsContext g, BandAxis axis, EcamWindow ecam, double y, long unit, double x0,
            double x1, Color colour, String labelWord) {
        long first = Math.max(0, (long) Math.floor((axis.gpa(x0) - ecam.base()) / unit));
        long last = Math.min(ecam.bytes() / unit, (long) Math.ceil((axis.gpa(x1) - ecam.base()) / unit));
        double unitPx = axis.x(ecam.base() + unit) - axis.x(ecam.base());
        for (long i = first; i <= last && i - first < 4096; i++) {
            double x = axis.x(ecam.base() + i * unit);
            g.setStroke(colour);
            g.strokeLine(Math.round(x) + 0.5, y, Math.round(x) + 0.5, y + laneH);
            if (labelWord != null && i < ecam.bytes() / unit) {
                long n = labelWord.equals("bus") ? i : i % 32;
                String s = String.format("%s %02x", labelWord, n);
                if (smallText.of(s) < unitPx - 6 && x + 3 >= x0 - unitPx) {
                    g.setFill(Color.web("#37474f"));
                    g.fillText(s, x + 3, y + laneH - 14 * scale);
                }
            }
        }
    }

    /** Outlines: what the last change touched (pulsing, then steady), and the selected slot. */
    private void drawMarks(GraphicsContext g, BandAxis axis, int asId, double y) {
        double pulse = model.pulse();
        for (Map.Entry<SlotKey, SlotChange> c : model.changes().entrySet()) {
            if (c.getKey().asId() != asId) {
                continue;
            }
            MemslotInfo slot = c.getValue() == SlotChange.DELETED ? model.deletedSlots().stream()
                    .filter(d -> SlotKey.of(d).equals(c.getKey())).findFirst().orElse(null) : find(c.getKey());
            if (slot == null) {
                continue;
            }
            double x0 = Math.max(axis.x(slot.gpaStart()), axis.left() - 8);
            double x1 = Math.min(Math.max(axis.x(slot.gpaEnd()), x0 + 1), axis.left() + axis.width() + 8);
            if (pulse > 0) {
                g.setStroke(Color.color(MemslotColours.CHANGED.getRed(), MemslotColours.CHANGED.getGreen(),
                        MemslotColours.CHANGED.getBlue(), 0.25 + 0.5 * pulse));
                g.setLineWidth(2 + 6 * pulse);
                g.setLineDashes();
                g.strokeRect(x0 - 2, y - 2, x1 - x0 + 4, laneH + 4);
            }
            g.setStroke(MemslotColours.CHANGED);
            g.setLineWidth(2);
            g.setLineDashes(c.getValue() == SlotChange.DELETED ? new double[] {5, 3} : new double[0]);
            g.strokeRect(x0 - 1, y - 1, x1 - x0 + 2, laneH + 2);
            g.setLineDashes();
        }
        for (MemslotInfo lit : model.highlightedSlots()) {
            if (lit.asId() == asId) {
                double x0 = Math.max(axis.x(lit.gpaStart()), axis.left() - 8);
                double x1 = Math.min(Math.max(axis.x(lit.gpaEnd()), x0 + 1), axis.left() + axis.width() + 8);
                double w = Highlights.strokeWidth(this);
                g.setStroke(Highlights.COLOUR);
                g.setLineWidth(w);
                g.setLineDashes();
                g.strokeRect(x0 - w, y - w, x1 - x0 + 2 * w, laneH + 2 * w);
            }
        }
        MemslotInfo sel = model.selectedSlot();
        if (sel != null && sel.asId() == asId) {
            double x0 = Math.max(axis.x(sel.gpaStart()), axis.left() - 8);
            double x1 = Math.min(Math.max(axis.x(sel.gpaEnd()), x0 + 1), axis.left() + axis.width() + 8);
            g.setStroke(MemslotColours.SELECTED);
            g.setLineWidth(2.5);
            g.setLineDashes();
            g.strokeRect(x0 - 1.5, y - 1.5, x1 - x0 + 3, laneH + 3);
        }
    }

    private MemslotInfo find(SlotKey key) {
        return model.rows().stream().filter(r -> !r.deleted() && r.key().equals(key)).map(MemslotRow::slot)
                .findFirst().orElse(null);
    }

    private void drawAxis(GraphicsContext g, BandAxis axis, double y) {
        g.setStroke(Color.web("#90a4ae"));
        g.setLineWidth(1);
        g.setLineDashes();
        g.strokeLine(axis.left(), y + 0.5, axis.left() + axis.width(), y + 0.5);
        g.setFont(smallFont);
        g.setFill(Color.web("#37474f"));
        g.setTextBaseline(VPos.TOP);
        for (long tick : axis.ticks()) {
            double x = Math.round(axis.x(tick)) + 0.5;
            g.strokeLine(x, y, x, y + 4);
            String label = String.format("0x%x", tick);
            double tw = smallText.of(label);
            double tx = Math.min(Math.max(x - tw / 2, axis.left()), getWidth() - tw - 2);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(label, tx, y + 6);
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(model.viewport().scaleProperty().get() == BandScale.LOG ? "gpa (log)" : "gpa", gutter - 8,
                y + 12);
    }
}
