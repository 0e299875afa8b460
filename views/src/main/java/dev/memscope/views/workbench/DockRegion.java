package dev.memscope.views.workbench;

/** Where a pane docks in the main window. */
public enum DockRegion {
    LEFT, CENTER, RIGHT, BOTTOM
}
