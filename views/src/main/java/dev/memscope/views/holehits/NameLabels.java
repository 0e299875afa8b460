package dev.memscope.views.holehits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Places the names of present devices under a bus row, each on a text line joined to its cell by a leader, so that
 * labels never overlap and (as far as possible) no leader crosses another label. Labels in the left half of the row
 * extend to the right of their cell, those in the right half to the left; each goes on the first line where it fits.
 * Pure: text widths come from a function.
 */
public final class NameLabels {
    /** Lines a row may grow by; past that a label takes the first line without overlap. */
    public static final int MAX_LINES = 6;
    private static final double GAP = 8;
    /** How far the text starts before (or ends after) its leader. */
    public static final double LEAD = 4;

    /** A label to place: its text and the cell it names, [cellX, cellX + cellW). */
    public record Request(String text, double cellX, double cellW) {
        double anchor() {
            return cellX + cellW / 2;
        }
    }

    /** A placed label: its text starts at x on line {@code line} (0 nearest the row); the leader runs at anchor. */
    public record Placed(String text, double x, double width, int line, double anchor) {
        double end() {
            return x + width;
        }
    }

    private NameLabels() {
    }

    public static List<Placed> place(List<Request> requests, double rowLeft, double rowRight,
            ToDoubleFunction<String> widthOf) {
        double middle = (rowLeft + rowRight) / 2;
        List<Request> left = requests.stream().filter(r -> r.anchor() < middle)
                .sorted(Comparator.comparingDouble(Request::anchor).reversed()).toList();
        List<Request> right = requests.stream().filter(r -> r.anchor() >= middle)
                .sorted(Comparator.comparingDouble(Request::anchor)).toList();
        List<Placed> placed = new ArrayList<>();
        List<Double> waiting = new ArrayList<>(requests.stream().map(Request::anchor).toList());
        for (Request r : left) {
            waiting.remove(r.anchor());
            placed.add(placeOne(r, true, rowLeft, rowRight, widthOf.applyAsDouble(r.text()), placed, waiting));
        }
        for (Request r : right) {
            waiting.remove(r.anchor());
            placed.add(placeOne(r, false, rowLeft, rowRight, widthOf.applyAsDouble(r.text()), placed, waiting));
        }
        return placed;
    }

    /** Lines the placed labels need (0 when none). */
    public static int lines(List<Placed> placed) {
        return placed.stream().mapToInt(p -> p.line() + 1).max().orElse(0);
    }

    private static Placed placeOne(Request r, boolean rightward, double rowLeft, double rowRight, double w,
            List<Placed> placed, List<Double> waiting) {
        // the leader meets the text's first (rightward) or last (leftward) character
        double[] xs = rightward ? new double[] {r.anchor() - LEAD, r.anchor() + LEAD - w}
                : new double[] {r.anchor() + LEAD - w, r.anchor() - LEAD};
        for (int line = 0; line < MAX_LINES; line++) {
            for (double x : xs) {
                double fx = Math.max(rowLeft, Math.min(x, rowRight - w));
                Placed p = new Placed(r.text(), fx, w, line, r.anchor());
                if (fits(p, placed) && !crosses(p, placed) && !covers(p, waiting)) {
                    return p;
                }
            }
        }
        for (int line = 0; ; line++) { // no crossing-free place: the first line without overlap
            double fx = Math.max(rowLeft, Math.min(xs[0], rowRight - w));
            Placed p = new Placed(r.text(), fx, w, line, r.anchor());
            if (fits(p, placed)) {
                return p;
            }
        }
    }

    private static boolean fits(Placed p, List<Placed> placed) {
        for (Placed q : placed) {
            if (q.line() == p.line() && p.x() < q.end() + GAP && q.x() < p.end() + GAP) {
                return false;
            }
        }
        return true;
    }

    /** Whether p lies across the leader of a label still to be placed (which would have to cross it). */
    private static boolean covers(Placed p, List<Double> waiting) {
        for (double anchor : waiting) {
            if (p.x() - 3 <= anchor && anchor <= p.end() + 3) {
                return true;
            }
        }
        return false;
    }

    /** Whether p's leader passes through a label nearer the row, or p lies across a deeper label's leader. */
    private static boolean crosses(Placed p, List<Placed> placed) {
        for (Placed q : placed) {
            if (q.line() < p.line() && q.x() - 3 <= p.anchor() && p.anchor() <= q.end() + 3) {
                return true;
            }
            if (q.line() > p.line() && p.x() - 3 <= q.anchor() && q.anchor() <= p.end() + 3) {
                return true;
            }
        }
        return false;
    }
}
