package dev.memscope.views.prefetch;

import dev.memscope.views.common.CanvasScale;
import dev.memscope.views.common.Hex;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * The window as a strip, drawn on one canvas: a cell per gfn for the kernel's 8 entries (labelled with the gfn and
 * the ECAM function), proportional runs for the ALLONES loops' thousands. Hovering names the candidate and its fate.
 */
final class PrefetchStrip extends Region {
    static final double HEIGHT = 46; // at normal size; presenter mode scales it and the text (CanvasScale)
    private static final double PAD = 2;
    private static final Font MONO = Font.font("DejaVu Sans Mono", 10.5);
    private final Canvas canvas = new Canvas();
    private final Tooltip tooltip = new Tooltip();
    private List<CandidateRow> rows = List.of();
    private java.util.function.Predicate<CandidateRow> highlighted = r -> false;
    private Font mono = MONO;
    private double scale = 1;

    PrefetchStrip() {
        getStyleClass().add(PrefetchView.STRIP_CLASS);
        getChildren().add(canvas);
        setHeights();
        CanvasScale.watch(this, () -> {
            applyScale();
            draw();
        });
        tooltip.setShowDelay(Duration.millis(200));
        tooltip.getStyleClass().add(PrefetchView.TOOLTIP_CLASS);
        Tooltip.install(this, tooltip);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX()));
    }

    void setRows(List<CandidateRow> rows, java.util.function.Predicate<CandidateRow> highlighted) {
        this.rows = List.copyOf(rows);
        this.highlighted = highlighted;
        draw();
    }

    private void setHeights() {
        setMinHeight(HEIGHT * scale);
        setPrefHeight(HEIGHT * scale);
        setMaxHeight(HEIGHT * scale);
    }

    /** Follows presenter mode: a taller strip with larger text on a projector. */
    private void applyScale() {
        double s = CanvasScale.of(this);
        if (s != scale) {
            scale = s;
            mono = CanvasScale.scaled(MONO, s);
            setHeights();
        }
    }

    @Override
    protected void layoutChildren() {
        applyScale();
        canvas.setWidth(Math.max(1, getWidth()));
        canvas.setHeight(HEIGHT * scale);
        draw();
    }

    private long totalPages() {
        return rows.stream().mapToLong(CandidateRow::pages).sum();
    }

    private boolean cellMode() {
        return rows.size() <= 64 && rows.stream().allMatch(r -> r.pages() == 1);
    }

    /** Left and right x of row {@code i}. */
    private double[] span(int i) {
        double w = canvas.getWidth() - 2 * PAD;
        if (cellMode()) {
            double cell = w / rows.size();
            return new double[] {PAD + i * cell, PAD + (i + 1) * cell};
        }
        long total = Math.max(1, totalPages());
        long before = 0;
        for (int k = 0; k < i; k++) {
            before += rows.get(k).pages();
        }
        double x0 = PAD + w * before / total;
        double x1 = PAD + w * (before + rows.get(i).pages()) / total;
        return new double[] {x0, Math.max(x1, x0 + 1)};
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (rows.isEmpty()) {
            return;
        }
        boolean cells = cellMode();
        double top = PAD;
        double h = HEIGHT * scale - 2 * PAD;
        g.setFont(mono);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < rows.size(); i++) {
            CandidateRow r = rows.get(i);
            double[] s = span(i);
            Color fill = OutcomeText.colour(r.shown());
            g.setFill(fill);
            g.fillRect(s[0], top, s[1] - s[0], h);
            g.setStroke(Color.gray(0.45));
            g.setLineWidth(cells ? 1 : 0.5);
            g.strokeRect(s[0] + 0.5, top + 0.5, s[1] - s[0] - 1, h - 1);
            if (r.shown() == Shown.FAULTING_ENTRY) {
                g.setStroke(Color.web("#2e3440"));
                g.setLineWidth(2.5);
                g.strokeRect(s[0] + 1.5, top + 1.5, s[1] - s[0] - 3, h - 3);
            }
            if (highlighted.test(r)) {
                double w = dev.memscope.views.common.Highlights.strokeWidth(this);
                g.setStroke(dev.memscope.views.common.Highlights.COLOUR);
                g.setLineWidth(w);
                g.strokeRect(s[0] + w / 2, top + w / 2, s[1] - s[0] - w, h - w);
            }
            if (cells) {
                g.setFill(fill.getBrightness() < 0.6 || fill.getSaturation() > 0.8 && fill.getBrightness() < 0.75
                        ? Color.WHITE : Color.web("#1d232b"));
                double mid = (s[0] + s[1]) / 2;
                double width = s[1] - s[0];
                String gfn = width > 52 * scale ? Hex.of(r.gfn()) : Long.toHexString(r.gfn() & 0xFFF);
                g.fillText(gfn, mid, top + h * 0.32, width - 4);
                String where = r.where().length() > 5 && width < 62 * scale ? r.where().substring(3) : r.where();
                g.fillText(where, mid, top + h * 0.72, width - 4);
            }
        }
        if (!cells) {
            g.setFill(Color.web("#1d232b"));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(Hex.of(rows.get(0).gfn()), PAD + 4, top + h / 2);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(Hex.of(rows.get(rows.size() - 1).endGfn() - 1), canvas.getWidth() - PAD - 4, top + h / 2);
        }
    }

    private void hover(double x) {
        for (int i = 0; i < rows.size(); i++) {
            double[] s = span(i);
            if (x >= s[0] && x < s[1]) {
                tooltip.setText(describe(rows.get(i)));
                return;
            }
        }
        tooltip.setText("");
    }

    static String describe(CandidateRow r) {
        String gfns = r.pages() == 1 ? "gfn " + Hex.of(r.gfn())
                : "gfns " + Hex.of(r.gfn()) + "\u2013" + Hex.of(r.endGfn() - 1) + " (" + r.pages() + ")";
        return gfns + (r.where().isEmpty() ? "" : "  " + r.where()) + "\nslot " + r.slot() + "\n"
                + OutcomeText.label(r.shown()) + ": " + OutcomeText.why(r.shown())
                + (r.spte() != 0 ? "\nspte " + Hex.padded(r.spte(), 16) : "");
    }
}
