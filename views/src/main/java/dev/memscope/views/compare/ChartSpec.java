package dev.memscope.views.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One bar chart of the pane: a metric per variant, one series per backend.
 *
 * @param categories the variants, in table order
 * @param logScale whether the values span orders of magnitude (the ratio of the largest to the smallest non-zero
 *        value is {@link #LOG_RATIO} or more)
 */
public record ChartSpec(String id, String title, String unit, List<String> categories, List<Series> series,
        boolean logScale) {
    public static final double LOG_RATIO = 100;

    /** @param values one per category, null where the run has no value */
    public record Series(String name, List<Long> values) {
        public Series {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    public ChartSpec {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    public boolean isEmpty() {
        return series.stream().allMatch(s -> s.values().stream().allMatch(v -> v == null));
    }

    /** Whether {@code values} span {@link #LOG_RATIO} or more between the smallest and largest non-zero one. */
    static boolean spansOrders(List<Series> series) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (Series s : series) {
            for (Long v : s.values()) {
                if (v != null && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max > 0 && (double) max / min >= LOG_RATIO;
    }
}
