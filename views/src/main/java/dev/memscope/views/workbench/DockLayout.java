package dev.memscope.views.workbench;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which panes the dock shows and which tab is in front in each region: what a saved session restores.
 *
 * @param visible the ids of the shown panes, in docking order
 * @param selected the id of the front tab of each region that shows any
 */
public record DockLayout(List<String> visible, Map<DockRegion, String> selected) {
    public DockLayout {
        visible = List.copyOf(visible);
        selected = selected.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(selected));
    }
}
