package dev.memscope.views.paint;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** Measures text for labels drawn on a canvas, and shortens it to fit. */
public final class TextWidth {
    private final Text probe = new Text();

    public TextWidth(Font font) {
        probe.setFont(font);
    }

    /** Measures with another font from now on (canvas text grows in presenter mode). */
    public void setFont(Font font) {
        probe.setFont(font);
    }

    public double of(String s) {
        probe.setText(s);
        return probe.getLayoutBounds().getWidth();
    }

    /** The first of {@code candidates} no wider than {@code width}, or null when none fits. */
    public String firstFitting(double width, String... candidates) {
        for (String c : candidates) {
            if (c != null && of(c) <= width) {
                return c;
            }
        }
        return null;
    }
}
