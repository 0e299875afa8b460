package dev.memscope.views.workbench;

import javafx.scene.Node;

/**
 * A pane the workbench can show: an id (also the node id, for tests and for saved layouts), a title for its tab and
 * the View menu, its content, and where it docks by default.
 */
public record DockPane(String id, String title, Node content, DockRegion region) {
}
