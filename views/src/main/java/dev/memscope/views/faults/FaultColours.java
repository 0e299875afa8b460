package dev.memscope.views.faults;

import dev.memscope.emulator.api.RetPf;
import javafx.scene.paint.Color;

/** Colours of RET_PF results (history chips, legend) and of phase states (also in the CSS). */
final class FaultColours {
    static final Color FIXED = Color.web("#2e8b57");
    static final Color EMULATE = Color.web("#8e44ad");
    static final Color RETRY = Color.web("#e67e22");
    static final Color OTHER = Color.web("#7b8794");
    static final Color FAILED = Color.web("#c0392b");
    static final Color IN_PROGRESS = Color.web("#f2b705");
    /** Phase cards: {@code .faults-card-ran}, {@code -stopped}, {@code -pending} in the CSS. */
    static final Color PHASE_RAN = Color.web("#e8f1ea");
    static final Color PHASE_STOPPED = Color.web("#ffe08a");
    static final Color PHASE_PENDING = Color.web("#f4f5f7");

    private FaultColours() {
    }

    static Color of(RetPf r, boolean inProgress) {
        if (inProgress) {
            return IN_PROGRESS;
        }
        if (r == null) {
            return FAILED;
        }
        return switch (r) {
            case FIXED -> FIXED;
            case EMULATE -> EMULATE;
            case RETRY -> RETRY;
            default -> OTHER;
        };
    }
}
