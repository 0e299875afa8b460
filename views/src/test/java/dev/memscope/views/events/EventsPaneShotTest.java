package dev.memscope.views.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.views.common.FakeMachine;
import dev.memscope.views.image.NodeImages;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Renders the event log at the bottom dock's size in a 1280x800 window to target/pane-shots/events.png. */
@ExtendWith(ApplicationExtension.class)
class EventsPaneShotTest {
    private EventLogView view;

    @Start
    void start(Stage stage) {
        view = (EventLogView) EventsPane.create(new FakeMachine()).content();
        stage.setScene(new Scene((Parent) view, 1280, 210));
        stage.sizeToScene(); // the stage is shared between tests: take this scene's size
        stage.show();
    }

    @Test
    void renders_pci_scan_under_allones_stopped_mid_fault() throws Exception {
        List<TraceEvent> scan = EventFixtures.pciScan();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            view.model().onSnapshot(EventFixtures.snapshot(1, 0, EventFixtures.counters(5)));
            view.model().onSnapshot(EventFixtures.snapshot(2, scan.size() - 1, EventFixtures.counters(7)));
            view.model().onEvents(scan);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> image[0] = NodeImages.snapshot(view, 1));
        NodeImages.writePng(image[0], Path.of("target/pane-shots/events.png"));
        assertThat(NodeImages.distinctColours(image[0], 64)).isGreaterThan(20);
    }

    @Test
    void renders_a_sequence_gap_and_a_pci_filter() throws Exception {
        List<TraceEvent> scan = EventFixtures.pciScan();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            view.model().onSnapshot(EventFixtures.snapshot(1, scan.size() - 1, EventFixtures.counters(7)));
            view.model().onEvents(scan.subList(0, 60));
            view.model().onEvents(scan.subList(90, scan.size()));
            view.model().bdfTextProperty().set("00:02");
            view.model().gfnTextProperty().set("b00zz");
        });
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> image[0] = NodeImages.snapshot(view, 1));
        NodeImages.writePng(image[0], Path.of("target/pane-shots/events-gap.png"));
        assertThat(NodeImages.distinctColours(image[0], 64)).isGreaterThan(20);
    }
}
