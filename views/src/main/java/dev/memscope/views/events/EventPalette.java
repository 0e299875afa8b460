package dev.memscope.views.events;

import dev.memscope.views.common.Legend;
import java.util.Arrays;
import java.util.stream.Collectors;
import javafx.scene.paint.Color;

/** The event log's colours, one per tracepoint system; the stylesheet and the legend both read them from here. */
enum EventPalette {
    KVM("kvm", "#1864ab", "kvm: tracepoints of kvm.h and x86 trace.h"),
    KVMMMU("kvmmmu", "#6741d9", "kvmmmu: mmutrace.h"),
    MEMSCOPE("memscope", "#2b8a3e", "memscope: the model's own");

    private final String system;
    private final String hex;
    private final String label;

    EventPalette(String system, String hex, String label) {
        this.system = system;
        this.hex = hex;
        this.label = label;
    }

    String system() {
        return system;
    }

    static Legend legend() {
        Legend legend = new Legend();
        for (EventPalette p : values()) {
            legend.add(Color.web(p.hex), p.label);
        }
        return legend;
    }

    /** Looked-up colours for the pane's inline style: {@code -event-kvm: #1864ab; ...}. */
    static String declarations() {
        return Arrays.stream(values()).map(p -> "-event-" + p.system + ": " + p.hex + ";")
                .collect(Collectors.joining(" "));
    }
}
