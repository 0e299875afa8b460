package dev.memscope.views.compare;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.util.Subscription;

/**
 * The comparison as a table: a metric per row under group headings, a run per column, the two backends of a variant
 * side by side under the variant's name. Differences and missing values are styled; the current run is tinted.
 */
final class CompareTableView extends TableView<CompareRow> {
    private final CompareViewModel model;
    private final Subscription subscription;

    CompareTableView(CompareViewModel model) {
        this.model = model;
        setId("compare-table");
        getStyleClass().add(CompareStyles.TABLE);
        setColumnResizePolicy(UNCONSTRAINED_RESIZE_POLICY);
        setFixedCellSize(21);
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CompareRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove(CompareStyles.GROUP_ROW);
                if (!empty && row != null && row.group()) {
                    getStyleClass().add(CompareStyles.GROUP_ROW);
                }
            }
        });
        subscription = model.columnsProperty().subscribe(this::buildColumns)
                .and(widthProperty().subscribe(w -> choosePolicy()))
                .and(model.rowsProperty().subscribe(rows -> setItems(FXCollections.observableArrayList(rows))));
    }

    void dispose() {
        subscription.unsubscribe();
    }

    private void buildColumns(List<CompareColumn> columns) {
        List<TableColumn<CompareRow, ?>> out = new ArrayList<>();
        if (columns.isEmpty()) {
            getColumns().clear(); // the placeholder explains; a lone "Metric" header would look broken
            return;
        }
        TableColumn<CompareRow, String> metric = new TableColumn<>("Metric");
        metric.setId("compare-col-metric");
        metric.getStyleClass().add(CompareStyles.METRIC);
        metric.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().label()));
        metric.setPrefWidth(168);
        metric.setSortable(false);
        out.add(metric);
        TableColumn<CompareRow, CompareCell> parent = null;
        for (CompareColumn c : columns) {
            TableColumn<CompareRow, CompareCell> column = valueColumn(c);
            if (c.run().isEmpty()) {
                out.add(column);
                parent = null;
                continue;
            }
            if (parent == null || !parent.getText().equals(c.variant())) {
                parent = new TableColumn<>(c.variant());
                parent.setId("compare-variant-" + c.variant());
                parent.setSortable(false);
                out.add(parent);
            }
            parent.getColumns().add(column);
            if (c.current()) {
                parent.getStyleClass().add(CompareStyles.CURRENT_RUN);
            }
        }
        getColumns().setAll(out);
        choosePolicy();
    }

    /** Columns stretch to fill a wide pane; in a narrow one they keep their widths and the table scrolls. */
    private void choosePolicy() {
        double wanted = 0;
        for (TableColumn<CompareRow, ?> c : getVisibleLeafColumns()) {
            wanted += c.getPrefWidth();
        }
        var policy = wanted + 20 <= getWidth() ? CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS : UNCONSTRAINED_RESIZE_POLICY;
        if (getColumnResizePolicy() != policy) {
            setColumnResizePolicy(policy);
        }
    }

    private TableColumn<CompareRow, CompareCell> valueColumn(CompareColumn c) {
        String title = c.run().isEmpty() ? c.variant() : c.run();
        TableColumn<CompareRow, CompareCell> column = new TableColumn<>();
        Label header = new Label(title);
        if (!c.note().isEmpty()) {
            header.setTooltip(new Tooltip(c.note()));
        }
        column.setGraphic(header);
        column.setId("compare-col-" + c.index());
        column.getStyleClass().add(CompareStyles.VALUE);
        if (c.current()) {
            column.getStyleClass().add(CompareStyles.CURRENT_RUN);
        }
        column.setSortable(false);
        // wide enough for the header ("readonly-page") in the bold header font
        double needed = c.run().isEmpty() ? 8.5 * title.length() + 18 : 68;
        column.setPrefWidth(Math.max(c.run().isEmpty() ? 96 : 68, needed));
        column.setMinWidth(column.getPrefWidth());
        column.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().group() ? null
                : row.getValue().cell(c.index())));
        column.setCellFactory(col -> new ValueCell());
        return column;
    }

    /** One value: right-aligned, "—" when missing, tinted where model and kernel disagree. */
    private static final class ValueCell extends TableCell<CompareRow, CompareCell> {
        @Override
        protected void updateItem(CompareCell cell, boolean empty) {
            super.updateItem(cell, empty);
            getStyleClass().removeAll(CompareStyles.MISSING, CompareStyles.DIFFERS);
            if (empty || cell == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(cell.text());
            if (cell.missing()) {
                getStyleClass().add(CompareStyles.MISSING);
            }
            if (cell.differs()) {
                getStyleClass().add(CompareStyles.DIFFERS);
            }
            setTooltip(cell.tooltip().isEmpty() ? null : new Tooltip(cell.tooltip()));
        }
    }
}
