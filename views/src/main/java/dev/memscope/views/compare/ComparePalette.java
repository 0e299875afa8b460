package dev.memscope.views.compare;

import dev.memscope.views.common.Legend;
import java.util.Arrays;
import java.util.stream.Collectors;
import javafx.scene.paint.Color;

/** The Compare pane's colours; the stylesheet looks them up and the legend draws them, from this one list. */
enum ComparePalette {
    CURRENT("-compare-current", "#e7f1ff", "current run"),
    DIFFERS("-compare-differs", "#ffd8a8", "model \u2260 kernel"),
    MODEL("-compare-model", "#1c7ed6", null),
    KERNEL("-compare-kernel", "#f08c00", null);

    private final String lookup;
    private final String hex;
    private final String label;

    ComparePalette(String lookup, String hex, String label) {
        this.lookup = lookup;
        this.hex = hex;
        this.label = label;
    }

    /** The table's legend: the current run, and the disagreement tint when both backends ran. */
    static Legend tableLegend(boolean bothBackends) {
        Legend legend = new Legend();
        legend.add(Color.web(CURRENT.hex), CURRENT.label);
        if (bothBackends) {
            legend.add(Color.web(DIFFERS.hex), DIFFERS.label);
        }
        return legend;
    }

    /** The charts' legend: the model's bars, and the kernel's when it ran. */
    static Legend chartLegend(boolean withKernel) {
        Legend legend = new Legend();
        legend.add(Color.web(MODEL.hex), "model (time: modelled by the cost model)");
        if (withKernel) {
            legend.add(Color.web(KERNEL.hex), "kernel, this machine's /dev/kvm (time: measured)");
        }
        return legend;
    }

    static String declarations() {
        return Arrays.stream(values()).map(p -> p.lookup + ": " + p.hex + ";").collect(Collectors.joining(" "));
    }
}
