package dev.memscope.views.common;

import javafx.scene.image.Image;
import javafx.scene.paint.Color;

/** Pixel counts of a rendered node, for tests that check what a canvas drew. */
public final class Pixels {
    private Pixels() {
    }

    /** Pixels within 2% of {@code c} in every channel. */
    public static int count(Image image, Color c) {
        int n = 0;
        var r = image.getPixelReader();
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                Color p = r.getColor(x, y);
                if (Math.abs(p.getRed() - c.getRed()) < 0.02 && Math.abs(p.getGreen() - c.getGreen()) < 0.02
                        && Math.abs(p.getBlue() - c.getBlue()) < 0.02) {
                    n++;
                }
            }
        }
        return n;
    }
}
