package dev.memscope.views.events;

/**
 * Watches the sequence numbers of drained events: the machine's ring numbers events densely from 0, so a jump means
 * it overwrote events before they were drained, and a step back means a new log (the machine was reset).
 */
final class SequenceGaps {
    private long nextSeq = -1;
    private long lost;
    private int gaps;
    private String note = "";

    /** Whether {@code seq} starts a new log (it is not after the last one seen). */
    boolean restarts(long seq) {
        return nextSeq >= 0 && seq < nextSeq;
    }

    /** Takes the next event's number, noting a gap before it. */
    void see(long seq) {
        if (nextSeq >= 0 && seq > nextSeq) {
            gaps++;
            lost += seq - nextSeq;
            note = String.format("The machine's ring overwrote %,d events (seq %,d\u2013%,d) before they were "
                    + "drained%s.", seq - nextSeq, nextSeq, seq - 1,
                    gaps > 1 ? String.format("; %,d lost in %d gaps so far", lost, gaps) : "");
        }
        nextSeq = seq + 1;
    }

    /** The number after the last one seen, or -1 before any. */
    long nextSeq() {
        return nextSeq;
    }

    /** Empty, or the latest gap in words. */
    String note() {
        return note;
    }

    void reset() {
        nextSeq = -1;
        lost = 0;
        gaps = 0;
        note = "";
    }
}
