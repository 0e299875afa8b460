package dev.memscope.views.memslots;

import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.views.common.Highlights;
import dev.memscope.views.gpa.Sizes;
import java.util.List;
import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.util.Subscription;

/**
 * The memslots as a sortable table, in the kernel's words: as_id, slot, base_gfn/npages as gpa range and size,
 * flags, userspace_addr (or what backs a slot without one), generation, dirty pages, and what the last change did.
 */
public final class MemslotTable extends TableView<MemslotRow> {
    private final Subscription subscriptions;
    private boolean syncing;

    public MemslotTable(MemslotsViewModel model) {
        setId("memslots-table");
        getStyleClass().add(MemslotsView.STYLE_TABLE);
        SortedList<MemslotRow> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new javafx.scene.control.Label("No memslots: no guest is loaded."));
        TableColumn<MemslotRow, SlotChange> change = new TableColumn<>("change");
        change.setId("memslots-col-change");
        change.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().change()));
        change.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(SlotChange item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : "\u25cf " + item.shortWords());
                setTooltip(empty || item == null ? null : new Tooltip(item.words()));
                getStyleClass().remove(MemslotsView.STYLE_CHANGE_MARK);
                if (!empty && item != null) {
                    getStyleClass().add(MemslotsView.STYLE_CHANGE_MARK);
                }
            }
        });
        change.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        change.setPrefWidth(78);
        getColumns().add(change);
        getColumns().add(number("as", r -> (long) r.slot().asId(), false, 36));
        getColumns().add(number("slot", r -> (long) r.slot().id(), false, 44));
        getColumns().add(number("gpa start", r -> r.slot().gpaStart(), true, 90));
        getColumns().add(number("gpa end", r -> r.slot().gpaEnd(), true, 90));
        TableColumn<MemslotRow, Long> size = column("size", r -> r.slot().npages() << 12, 78);
        size.setCellFactory(c -> cell(Sizes::of));
        getColumns().add(size);
        TableColumn<MemslotRow, Long> npages = column("npages", r -> r.slot().npages(), 64);
        npages.setCellFactory(c -> cell(v -> String.format("%,d", v)));
        getColumns().add(npages);
        TableColumn<MemslotRow, String> flags = new TableColumn<>("flags");
        flags.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().flagsText()));
        flags.setCellFactory(c -> textWithTooltip());
        flags.setPrefWidth(140);
        getColumns().add(flags);
        TableColumn<MemslotRow, String> backing = new TableColumn<>("userspace_addr");
        backing.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().backingText()));
        backing.setCellFactory(c -> textWithTooltip());
        backing.setPrefWidth(150);
        getColumns().add(backing);
        TableColumn<MemslotRow, Long> gen = column("gen", r -> r.slot().generation(), 48);
        gen.setCellFactory(c -> cell(v -> v < 0 ? "n/a" : Long.toString(v)));
        getColumns().add(gen);
        TableColumn<MemslotRow, Long> dirty = column("dirty", r -> r.slot().dirtyPages(), 52);
        dirty.setCellFactory(c -> cell(v -> String.format("%,d", v)));
        getColumns().add(dirty);
        getColumns().forEach(c -> c.setId(c.getId() != null ? c.getId() : "memslots-col-" + c.getText()
                .replaceAll("[^a-z]+", "-")));

        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(MemslotRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(MemslotsView.STYLE_ROW_CHANGED, MemslotsView.STYLE_ROW_DELETED);
                pseudoClassStateChanged(Highlights.PSEUDO_CLASS, !empty && item != null && !item.deleted()
                        && model.isHighlighted(item.slot()));
                if (!empty && item != null && item.change() != null) {
                    getStyleClass().add(item.deleted() ? MemslotsView.STYLE_ROW_DELETED
                            : MemslotsView.STYLE_ROW_CHANGED);
                }
            }
        });
        subscriptions = Subscription.combine(
                model.highlightsProperty().subscribe(() -> {
                    refresh();
                    List<MemslotInfo> lit = model.highlightedSlots();
                    if (!lit.isEmpty()) {
                        scrollTo(getItems().stream().map(MemslotRow::slot).toList().indexOf(lit.get(0)));
                    }
                }),
                getSelectionModel().selectedItemProperty().subscribe(row -> {
                    if (!syncing && row != null) {
                        syncing = true;
                        model.selectedProperty().set(row.key());
                        syncing = false;
                    }
                }),
                model.selectedProperty().subscribe(key -> {
                    if (syncing) {
                        return;
                    }
                    syncing = true;
                    for (int i = 0; i < getItems().size(); i++) {
                        if (getItems().get(i).key().equals(key) && !getItems().get(i).deleted()) {
                            getSelectionModel().select(i);
                            scrollTo(i);
                            break;
                        }
                    }
                    syncing = false;
                }));
    }

    public void dispose() {
        subscriptions.unsubscribe();
    }

    private static TableColumn<MemslotRow, Long> number(String title, Function<MemslotRow, Long> value, boolean hex,
            double width) {
        TableColumn<MemslotRow, Long> c = column(title, value, width);
        c.setCellFactory(col -> cell(v -> hex ? String.format("0x%x", v) : Long.toString(v)));
        return c;
    }

    private static TableColumn<MemslotRow, Long> column(String title, Function<MemslotRow, Long> value,
            double width) {
        TableColumn<MemslotRow, Long> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setComparator(Long::compareUnsigned);
        c.setPrefWidth(width);
        return c;
    }

    /** Text that may not fit: the whole of it in a tooltip. */
    private static TableCell<MemslotRow, String> textWithTooltip() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        };
    }

    private static TableCell<MemslotRow, Long> cell(Function<Long, String> format) {
        TableCell<MemslotRow, Long> cell = new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
        cell.getStyleClass().add(MemslotsView.STYLE_NUMBER);
        return cell;
    }
}
