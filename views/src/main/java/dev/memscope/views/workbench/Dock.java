package dev.memscope.views.workbench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The docking area: four tab stacks (left, centre, right, bottom) in split panes. Each pane can be shown or hidden
 * (the View menu binds to {@link #visibleProperty}); an empty stack takes no room.
 */
public final class Dock extends SplitPane {
    private final Map<DockRegion, TabPane> stacks = new EnumMap<>(DockRegion.class);
    private final Map<String, Tab> tabs = new LinkedHashMap<>();
    private final Map<String, DockRegion> regions = new LinkedHashMap<>();
    private final Map<String, BooleanProperty> visible = new LinkedHashMap<>();
    private final SplitPane middle = new SplitPane();

    public Dock() {
        setId("dock");
        setOrientation(Orientation.VERTICAL);
        for (DockRegion r : DockRegion.values()) {
            TabPane stack = new TabPane();
            stack.setId("dock-" + r.name().toLowerCase());
            stack.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            stacks.put(r, stack);
        }
        getItems().add(middle);
        relayout();
    }

    public void add(DockPane pane) {
        if (tabs.containsKey(pane.id())) {
            throw new IllegalArgumentException("a pane with id " + pane.id() + " is already docked");
        }
        pane.content().setId(pane.id());
        Tab tab = new Tab(pane.title(), pane.content());
        tab.setId("tab-" + pane.id());
        tabs.put(pane.id(), tab);
        regions.put(pane.id(), pane.region());
        BooleanProperty shown = new SimpleBooleanProperty(true);
        shown.addListener((obs, was, is) -> setShown(pane.id(), is));
        visible.put(pane.id(), shown);
        stacks.get(pane.region()).getTabs().add(tab);
        relayout();
    }

    /** Whether the pane is shown; the View menu's check items bind to this. */
    public BooleanProperty visibleProperty(String id) {
        BooleanProperty p = visible.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no pane with id " + id);
        }
        return p;
    }

    public Map<String, String> titles() {
        Map<String, String> out = new LinkedHashMap<>();
        tabs.forEach((id, tab) -> out.put(id, tab.getText()));
        return out;
    }

    /** The docked panes' ids, in docking order. */
    public List<String> paneIds() {
        return List.copyOf(tabs.keySet());
    }

    /** The pane's content node (the node whose id is the pane's id). */
    public Node content(String id) {
        visibleProperty(id);
        return tabs.get(id).getContent();
    }

    /** Sets the menu shown when the pane's tab is right-clicked. */
    public void setTabContextMenu(String id, ContextMenu menu) {
        visibleProperty(id);
        tabs.get(id).setContextMenu(menu);
    }

    /** The shown panes, and the front tab of each region. */
    public DockLayout dockLayout() {
        List<String> shown = new ArrayList<>();
        visible.forEach((id, p) -> {
            if (p.get()) {
                shown.add(id);
            }
        });
        Map<DockRegion, String> front = new EnumMap<>(DockRegion.class);
        stacks.forEach((region, stack) -> {
            Tab tab = stack.getSelectionModel().getSelectedItem();
            if (tab != null) {
                front.put(region, tab.getId().substring("tab-".length()));
            }
        });
        return new DockLayout(shown, front);
    }

    /** Shows exactly the layout's panes that are docked here and brings its front tabs forward; unknown ids are ignored. */
    public void applyDockLayout(DockLayout layout) {
        visible.forEach((id, p) -> p.set(layout.visible().contains(id)));
        layout.selected().forEach((region, id) -> {
            Tab tab = tabs.get(id);
            if (tab != null && tab.getTabPane() != null && regions.get(id) == region) {
                tab.getTabPane().getSelectionModel().select(tab);
            }
        });
    }

    /** Brings the pane's tab to the front (showing it if hidden). */
    public void select(String id) {
        visibleProperty(id).set(true);
        Tab tab = tabs.get(id);
        tab.getTabPane().getSelectionModel().select(tab);
    }

    private void setShown(String id, boolean shown) {
        Tab tab = tabs.get(id);
        TabPane stack = stacks.get(regions.get(id));
        if (shown && !stack.getTabs().contains(tab)) {
            stack.getTabs().add(tab);
        } else if (!shown) {
            stack.getTabs().remove(tab);
        }
        relayout();
    }

    private void relayout() {
        middle.getItems().clear();
        for (DockRegion r : new DockRegion[] {DockRegion.LEFT, DockRegion.CENTER, DockRegion.RIGHT}) {
            if (!stacks.get(r).getTabs().isEmpty() || r == DockRegion.CENTER) {
                middle.getItems().add(stacks.get(r));
            }
        }
        int n = middle.getItems().size();
        if (n == 3) {
            middle.setDividerPositions(0.25, 0.75);
        } else if (n == 2) {
            middle.setDividerPositions(stacks.get(DockRegion.LEFT).getTabs().isEmpty() ? 0.7 : 0.3);
        }
        TabPane bottom = stacks.get(DockRegion.BOTTOM);
        if (bottom.getTabs().isEmpty()) {
            getItems().remove(bottom);
        } else if (!getItems().contains(bottom)) {
            getItems().add(bottom);
            setDividerPositions(0.68);
        }
    }
}
