package dev.memscope.app.gui.report;

import dev.memscope.app.gui.MainWindow;
import dev.memscope.app.report.ReportFacts;
import dev.memscope.app.report.ReportParts;
import dev.memscope.app.session.SessionCapture;
import dev.memscope.app.session.SessionFile;
import dev.memscope.emulator.api.CompareTable;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.views.common.PaneModel;
import dev.memscope.views.compare.CompareViewModel;
import dev.memscope.views.workbench.Dock;
import dev.memscope.views.workbench.DockLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;

/**
 * Gathers a bug report from the window at its stop: the session, the event log, the counters, the comparison if one
 * was run, a picture of the window as the user sees it and one of each shown pane (each brought to the front in turn,
 * then the layout is put back). Blocks: call it off the JavaFX thread.
 */
public final class ReportCollector {
    private ReportCollector() {
    }

    private record View(DockLayout layout, Map<String, String> titles, double scale) {
    }

    /** @param scale the pictures' scale, or 0 for the screen's output scale */
    public static ReportParts collect(MainWindow w, double scale) throws Exception {
        MachineSnapshot s = w.machine().snapshot();
        Dock dock = w.root().dock();
        View view = FxCalls.call(() -> new View(dock.dockLayout(), dock.titles(), scale > 0 ? scale
                : Shots.outputScale(w.root())));
        SessionFile session = SessionCapture.capture(s, w.guest(), w.loadedSetup(), w.machine().breakpoints(),
                view.layout());
        Settle.panes(w);
        List<ReportParts.Image> images = new ArrayList<>();
        images.add(FxCalls.call(() -> Shots.of(w.root(), ReportParts.Image.WINDOW, "The Memscope window",
                view.scale())));
        try {
            for (String id : view.layout().visible()) {
                FxCalls.run(() -> dock.select(id));
                Settle.panes(w);
                ReportParts.Image image = FxCalls.call(() -> {
                    Node content = dock.content(id);
                    if (content.getLayoutBounds().getWidth() < 1 || content.getLayoutBounds().getHeight() < 1) {
                        return null;
                    }
                    return Shots.of(content, ReportParts.Image.paneFile(id), view.titles().get(id), view.scale());
                });
                if (image != null) {
                    images.add(image);
                }
            }
        } finally {
            FxCalls.run(() -> dock.applyDockLayout(view.layout()));
        }
        CompareTable compare = FxCalls.call(() -> compareTable(dock));
        List<TraceEvent> events = w.machine().eventsSince(0, Integer.MAX_VALUE);
        return new ReportParts(ReportFacts.of(s, w.guest().origin()), session, w.guest().fromCatalog() ? null
                : w.guest().image(), events, compare, images);
    }

    /** The comparison the Compare pane shows, if one was run. */
    static CompareTable compareTable(Dock dock) {
        if (!dock.paneIds().contains("compare-pane")) {
            return null;
        }
        Object model = dock.content("compare-pane").getProperties().get(PaneModel.class);
        return model instanceof CompareViewModel c ? c.tableProperty().get() : null;
    }
}
