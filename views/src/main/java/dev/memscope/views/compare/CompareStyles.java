package dev.memscope.views.compare;

/** Style class names of the Compare pane (compare.css). */
public final class CompareStyles {
    public static final String PANE = "compare-pane";
    public static final String TOOLBAR = "compare-toolbar";
    public static final String SUMMARY = "compare-summary";
    public static final String FINDING = "compare-finding";
    public static final String FINDINGS = "compare-findings";
    public static final String CHARTS = "compare-charts";
    public static final String TABLE = "compare-table";
    public static final String GROUP_ROW = "group-row";
    public static final String METRIC = "metric";
    public static final String VALUE = "value";
    public static final String MISSING = "missing";
    public static final String DIFFERS = "differs";
    public static final String CURRENT_RUN = "current-run";
    public static final String CHART = "compare-chart";
    public static final String BAR_LABEL = "bar-label";
    public static final String BAR_LABEL_INSIDE = "bar-label-inside";

    private CompareStyles() {
    }
}
