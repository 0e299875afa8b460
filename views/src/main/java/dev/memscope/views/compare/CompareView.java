package dev.memscope.views.compare;

import dev.memscope.views.common.PaneModel;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

/**
 * The Compare pane: a Run button with progress, the guest and the findings, the table (metrics by run), and charts of
 * exits, host memory and time per variant.
 */
public final class CompareView extends BorderPane {
    private final CompareViewModel model;
    private final CompareTableView table;
    private final HBox charts = new HBox(6);
    private final VBox chartArea = new VBox();
    private final VBox findings = new VBox(2);
    private final HBox legendSlot = new HBox();
    private final SplitPane split = new SplitPane();
    private final Subscription subscription;

    public CompareView(CompareViewModel model) {
        this.model = model;
        getStylesheets().add(CompareView.class.getResource("/dev/memscope/views/compare/compare.css")
                .toExternalForm());
        getStyleClass().add(CompareStyles.PANE);
        setStyle(ComparePalette.declarations());
        getProperties().put(PaneModel.class, model);

        Button run = new Button("Run comparison");
        run.setId("compare-run");
        run.setDefaultButton(false);
        run.disableProperty().bind(model.canRunProperty().not());
        run.setOnAction(e -> model.runComparison());
        run.setMinWidth(Button.USE_PREF_SIZE);
        Button cancel = new Button("Cancel");
        cancel.setId("compare-cancel");
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancel());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("compare-progress");
        progress.setPrefSize(20, 20);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label message = new Label();
        message.setId("compare-message");
        // what is running (or went wrong) while there is something to say, else what the table is about
        message.textProperty().bind(javafx.beans.binding.Bindings.when(model.messageProperty().isEmpty())
                .then(model.summaryProperty()).otherwise(model.messageProperty()));
        message.getStyleClass().add(CompareStyles.SUMMARY);
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        legendSlot.setMinWidth(Label.USE_PREF_SIZE);
        HBox bar = new HBox(8, run, cancel, progress, message, legendSlot);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(CompareStyles.TOOLBAR);

        findings.setId("compare-differences");
        findings.getStyleClass().add(CompareStyles.FINDINGS);
        setTop(new VBox(bar, findings));

        table = new CompareTableView(model);
        table.setPlaceholder(new Label("No comparison yet. Each run's exits, faults, SPTEs, memslots, host memory "
                + "and time will be laid side by side here."));
        charts.setId("compare-charts");
        VBox.setVgrow(charts, Priority.ALWAYS);
        chartArea.getStyleClass().add(CompareStyles.CHARTS);
        split.getItems().setAll(table);
        split.setOrientation(Orientation.VERTICAL);
        setCenter(split);
        subscription = model.chartsProperty().subscribe(this::showCharts)
                .and(model.tableProperty().subscribe(t -> showFindings()));
    }

    public CompareViewModel model() {
        return model;
    }

    /** Removes every listener this view added to the model. */
    public void dispose() {
        subscription.unsubscribe();
        table.dispose();
    }

    private void showCharts(List<ChartSpec> specs) {
        List<ValueBarChart> next = new ArrayList<>();
        for (ChartSpec spec : specs) {
            if (spec.isEmpty()) {
                continue;
            }
            ValueBarChart chart = new ValueBarChart();
            chart.show(spec);
            HBox.setHgrow(chart, Priority.ALWAYS);
            chart.setMinWidth(0);
            chart.setPrefWidth(10);
            next.add(chart);
        }
        charts.getChildren().setAll(next);
        boolean kernel = next.stream().anyMatch(c -> c.spec().series().size() > 1);
        var legend = ComparePalette.chartLegend(kernel);
        legend.setId("compare-chart-legend");
        chartArea.getChildren().setAll(next.isEmpty() ? List.of() : List.of(legend, charts));
        if (next.isEmpty()) {
            split.getItems().setAll(table); // before the first run: no empty chart area
        } else if (split.getItems().size() == 1) {
            split.getItems().setAll(table, chartArea);
            split.setDividerPositions(0.47);
        }
    }

    private void showFindings() {
        var table = model.tableProperty().get();
        var legend = ComparePalette.tableLegend(table != null && table.bothBackends());
        legend.setId("compare-legend");
        legendSlot.getChildren().setAll(table == null ? List.of() : List.of(legend));
        findings.getChildren().clear();
        for (String d : model.differences()) {
            Label l = new Label("\u26a0 " + d);
            l.getStyleClass().add(CompareStyles.FINDING);
            l.setWrapText(true);
            findings.getChildren().add(l);
        }
        findings.setVisible(!findings.getChildren().isEmpty());
        findings.setManaged(findings.isVisible());
    }
}
