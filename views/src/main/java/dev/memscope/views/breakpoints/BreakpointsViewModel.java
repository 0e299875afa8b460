package dev.memscope.views.breakpoints;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.views.common.PaneModel;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The machine's breakpoints as a list to read, add to and remove from; the last stop's reason beside them. */
public final class BreakpointsViewModel implements PaneModel {
    private final MachineControl machine;
    private final ObservableList<Breakpoint> breakpoints = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty lastStop = new SimpleStringProperty(this, "lastStop", "");

    public BreakpointsViewModel(MachineControl machine) {
        this.machine = machine;
        breakpoints.setAll(machine.breakpoints());
    }

    public ObservableList<Breakpoint> breakpoints() {
        return breakpoints;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty lastStopProperty() {
        return lastStop;
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        if (!breakpoints.equals(machine.breakpoints())) {
            breakpoints.setAll(machine.breakpoints()); // a pane's context menu may have added one
        }
        lastStop.set(s.stopReason().startsWith("breakpoint") ? "Last stop: " + s.stopReason() : "");
    }

    /** Adds the breakpoint a line describes; false (with the reason in {@link #errorProperty}) if it cannot. */
    public boolean add(String line) {
        Breakpoint b;
        try {
            b = BreakpointText.parse(line);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
        error.set("");
        dev.memscope.views.common.Breakpoints.add(machine, b);
        breakpoints.setAll(machine.breakpoints());
        return true;
    }

    public void remove(Breakpoint b) {
        List<Breakpoint> next = new ArrayList<>(machine.breakpoints());
        next.remove(b);
        machine.setBreakpoints(next);
        breakpoints.setAll(next);
    }

    public void clear() {
        machine.setBreakpoints(List.of());
        breakpoints.clear();
    }
}
