package dev.memscope.views.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;

/** Pictures of nodes: PNG files and images at a given scale. Call on the JavaFX thread. */
public final class NodeImages {
    private NodeImages() {
    }

    /** Renders {@code node} at {@code scale} (1 for the layout size; the screen's output scale for crisp copies). */
    public static WritableImage snapshot(Node node, double scale) {
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(Transform.scale(scale, scale));
        return node.snapshot(params, null);
    }

    public static void writePng(Node node, double scale, Path file) throws IOException {
        writePng(snapshot(node, scale), file);
    }

    public static void writePng(WritableImage image, Path file) throws IOException {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    /** Number of distinct colours in the image, up to {@code limit}: a blank picture has one. */
    public static int distinctColours(WritableImage image, int limit) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        var reader = image.getPixelReader();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int step = Math.max(1, (w * h) / 200_000);
        for (int i = 0; i < w * h && seen.size() < limit; i += step) {
            seen.add(reader.getArgb(i % w, i / w));
        }
        return seen.size();
    }
}
