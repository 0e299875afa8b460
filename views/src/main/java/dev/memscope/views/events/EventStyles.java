package dev.memscope.views.events;

/** Style class names of the event log pane (events.css). */
public final class EventStyles {
    public static final String PANE = "events-pane";
    public static final String FILTER_BAR = "event-filter-bar";
    public static final String TITLES = "event-titles";
    public static final String HEADER_ROW = "event-header-row";
    public static final String LIST = "event-list";
    /** Every text of a log line (monospaced). */
    public static final String TEXT = "event-text";
    public static final String HEADER_TEXT = "event-header";
    public static final String GAP_NOTE = "gap-note";
    public static final String INVALID = "invalid";
    public static final String COUNTERS = "counters-table";
    public static final String NUMBER = "number";

    private EventStyles() {
    }

    /** The style class of an event's {@code system:tracepoint:} text: {@code event-kvm}, {@code event-kvmmmu}. */
    public static String ofSystem(String system) {
        return "event-" + system;
    }
}
