package dev.memscope.views.panekit;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MachineControl;
import java.util.ArrayList;
import java.util.List;

/** The "Break when ..." actions of the panes' context menus: the machine's list plus one more, never a duplicate. */
public final class BreakpointActions {
    private BreakpointActions() {
    }

    /** Adds {@code breakpoint} to the machine's breakpoints; returns false if it was already there. */
    public static boolean add(MachineControl machine, Breakpoint breakpoint) {
        List<Breakpoint> now = machine.breakpoints();
        if (now.contains(breakpoint)) {
            return false;
        }
        List<Breakpoint> next = new ArrayList<>(now);
        next.add(breakpoint);
        machine.setBreakpoints(next);
        return true;
    }
}
