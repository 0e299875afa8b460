package dev.memscope.views.holehits;

import dev.memscope.emulator.api.HoleHits;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The functions of the selected device: how each one's reads were served, and its writes. */
public final class HoleHitsTable extends TableView<HoleHits> {
    public HoleHitsTable(HoleHitsViewModel model) {
        super(model.details());
        setId("holehits-table");
        getStyleClass().add(HoleHitsView.STYLE_TABLE);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("Click a device in the grid."));
        TableColumn<HoleHits, String> bdf = new TableColumn<>("bb:dd.f");
        bdf.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().bdf()));
        bdf.setPrefWidth(66);
        bdf.setId("holehits-col-bdf");
        TableColumn<HoleHits, String> name = new TableColumn<>("function");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().present() ? c.getValue().name()
                : "absent"));
        name.setPrefWidth(128);
        name.setId("holehits-col-name");
        getColumns().add(bdf);
        getColumns().add(name);
        getColumns().add(count("exit", "Reads that exited to the VMM's device model (KVM_EXIT_MMIO)",
                HoleHits::userspaceReads, "holehits-col-exits"));
        getColumns().add(count("kernel", "Reads emulated in the kernel as 0xff, no exit (PCI_HOLE)",
                HoleHits::kernelReads, "holehits-col-kernel"));
        getColumns().add(count("mapped", "Reads served from a mapped page without any exit (read-only slot,"
                + " ALLONES); n/a on real KVM, where no one sees them", HoleHits::mappedReads, "holehits-col-mapped"));
        getColumns().add(count("writes", "Writes: every one exits to userspace", HoleHits::writes,
                "holehits-col-writes"));
        getColumns().add(count("drop", "Writes to an absent function that the VMM discarded",
                HoleHits::discardedWrites, "holehits-col-dropped"));
    }

    private static TableColumn<HoleHits, Long> count(String title, String tip, Function<HoleHits, Long> value,
            String id) {
        TableColumn<HoleHits, Long> c = new TableColumn<>();
        Label header = new Label(title);
        header.setTooltip(new Tooltip(tip));
        c.setGraphic(header);
        c.setId(id);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> {
            TableCell<HoleHits, Long> cell = new TableCell<>() {
                @Override
                protected void updateItem(Long item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : item < 0 ? "n/a" : String.format("%,d", item));
                }
            };
            cell.getStyleClass().add(HoleHitsView.STYLE_NUMBER);
            return cell;
        });
        c.setPrefWidth(50);
        return c;
    }
}
