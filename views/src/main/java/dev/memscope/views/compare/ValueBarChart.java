package dev.memscope.views.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.text.Text;
import javafx.util.StringConverter;

/**
 * A horizontal bar chart of one {@link ChartSpec}: variants down the side (in table order, top first), a bar per
 * backend, each bar labelled with its value. On a log scale the bars are plotted as logarithms and the axis ticks
 * print the powers (of 10, or of 1024 for bytes) in the metric's unit.
 */
final class ValueBarChart extends BarChart<Number, String> {
    private final Map<XYChart.Data<Number, String>, Text> labels = new HashMap<>();
    private ChartSpec spec;

    ValueBarChart() {
        super(new NumberAxis(), new CategoryAxis());
        getStyleClass().add(CompareStyles.CHART);
        setAnimated(false);
        setBarGap(0);
        setCategoryGap(3);
        setLegendVisible(false); // the pane draws one legend for all three charts
        getXAxis().setTickLabelRotation(0);
    }

    void show(ChartSpec next) {
        spec = next;
        setId(next.id());
        getPlotChildren().removeAll(labels.values());
        labels.clear();
        NumberAxis x = (NumberAxis) getXAxis();
        CategoryAxis y = (CategoryAxis) getYAxis();
        List<String> top = new ArrayList<>(next.categories());
        Collections.reverse(top); // a horizontal chart lists categories from the bottom up
        y.setCategories(FXCollections.observableArrayList(top));
        setTitle(next.title() + (next.logScale() ? " (log scale)" : ""));
        double base = CompareUnits.BYTES.equals(next.unit()) ? 1024 : 10;
        long max = 1;
        List<XYChart.Series<Number, String>> all = new ArrayList<>();
        for (ChartSpec.Series s : next.series()) {
            XYChart.Series<Number, String> series = new XYChart.Series<>();
            series.setName(s.name());
            for (int i = 0; i < next.categories().size(); i++) {
                Long v = s.values().get(i);
                if (v == null) {
                    continue;
                }
                max = Math.max(max, v);
                double plotted = next.logScale() ? Math.log(Math.max(1, v)) / Math.log(base) : v;
                XYChart.Data<Number, String> d = new XYChart.Data<>(plotted, next.categories().get(i));
                d.setExtraValue(CompareUnits.format(v, next.unit()));
                series.getData().add(d);
            }
            all.add(series);
        }
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.setMinorTickVisible(false);
        if (next.logScale()) {
            x.setUpperBound(Math.max(1, Math.ceil(Math.log(max) / Math.log(base) - 1e-9)));
            x.setTickUnit(1);
            x.setTickLabelFormatter(converter(k -> CompareUnits.tick(Math.pow(base, k), next.unit())));
        } else {
            double upper = niceCeiling(max * 1.15);
            x.setUpperBound(upper);
            x.setTickUnit(upper / 4);
            x.setTickLabelFormatter(converter(v -> CompareUnits.tick(v, next.unit())));
        }
        getData().setAll(all);
        for (int si = 0; si < all.size(); si++) {
            for (XYChart.Data<Number, String> d : all.get(si).getData()) {
                if (si > 0 && sameAsFirstSeries(next, si, d.getYValue())) {
                    continue; // an equal bar right below says the same: one label is enough
                }
                Text t = new Text((String) d.getExtraValue());
                t.getStyleClass().add(CompareStyles.BAR_LABEL);
                labels.put(d, t);
                getPlotChildren().add(t);
            }
        }
        requestChartLayout();
    }

    private static boolean sameAsFirstSeries(ChartSpec spec, int series, String category) {
        int i = spec.categories().indexOf(category);
        Long first = spec.series().get(0).values().get(i);
        return first != null && first.equals(spec.series().get(series).values().get(i));
    }

    ChartSpec spec() {
        return spec;
    }

    /** Places each value just past the end of its bar, or inside its end when the plot has no room after it. */
    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        double plotWidth = getXAxis().getWidth();
        for (Map.Entry<XYChart.Data<Number, String>, Text> e : labels.entrySet()) {
            Node bar = e.getKey().getNode();
            if (bar == null) {
                continue;
            }
            Bounds b = bar.getBoundsInParent();
            Text t = e.getValue();
            double w = t.getLayoutBounds().getWidth();
            boolean inside = b.getMaxX() + 3 + w > plotWidth && b.getWidth() > w + 6;
            t.getStyleClass().remove(CompareStyles.BAR_LABEL_INSIDE);
            if (inside) {
                t.getStyleClass().add(CompareStyles.BAR_LABEL_INSIDE);
            }
            t.setX(inside ? b.getMaxX() - w - 3 : b.getMaxX() + 3);
            t.setY(b.getMinY() + b.getHeight() / 2 + t.getLayoutBounds().getHeight() / 2 - 2.5);
            t.toFront();
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(v, 1))));
        for (double m : new double[] {1, 2, 4, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static StringConverter<Number> converter(java.util.function.DoubleFunction<String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return f.apply(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        };
    }
}
