package dev.memscope.views.workbench;

import java.nio.file.Path;

/** What the workbench's menus and toolbar ask of the application. The app implements it; defaults do nothing. */
public interface WorkbenchActions {
    default void run() {
    }

    default void pause() {
    }

    /** Steps one instruction. */
    default void step() {
        step(dev.memscope.emulator.api.StepKind.INSTRUCTION);
    }

    default void step(dev.memscope.emulator.api.StepKind kind) {
    }

    /** Machine > Pre-fault memory... */
    default void preFault() {
    }

    /** Machine > Dirty logging: turn it on or off for the RAM slot. */
    default void dirtyLogging(boolean on) {
    }

    /** Machine > Pull dirty log. */
    default void pullDirtyLog() {
    }

    default void reset() {
    }

    default void guestSelected(GuestChoice guest) {
    }

    default void openGuestFile(Path file) {
    }

    /** The hole variant changed: switch live at a stop, else restart. */
    default void variantChanged(dev.memscope.emulator.api.HoleVariant variant) {
    }

    /** The backend, MMU mode or prefetch policy changed: restart from the guest's entry. */
    default void setupChanged() {
    }
}
