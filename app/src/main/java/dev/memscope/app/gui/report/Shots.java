package dev.memscope.app.gui.report;

import dev.memscope.app.report.ReportParts;
import dev.memscope.views.image.NodeImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Pictures of the window and of panes as PNG, at a scale. On the JavaFX thread. */
final class Shots {
    private Shots() {
    }

    /** The output scale of the screen the node is shown on (2 on a HiDPI screen), or 1 when it is not shown. */
    static double outputScale(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null) {
            return 1;
        }
        return Math.max(1, node.getScene().getWindow().getOutputScaleX());
    }

    static ReportParts.Image of(Node node, String path, String title, double scale) throws IOException {
        WritableImage image = NodeImages.snapshot(node, scale);
        return new ReportParts.Image(path, title, png(image), (int) image.getWidth(), (int) image.getHeight());
    }

    static byte[] png(WritableImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out)) {
            throw new IOException("no PNG writer is available");
        }
        return out.toByteArray();
    }
}
