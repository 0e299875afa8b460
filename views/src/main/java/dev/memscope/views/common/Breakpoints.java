package dev.memscope.views.common;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MachineControl;
import java.util.ArrayList;
import java.util.List;

/** The panes' "Break when ..." actions: the machine's existing breakpoints plus one more. */
public final class Breakpoints {
    private Breakpoints() {
    }

    /** Adds {@code breakpoint} unless an equal one is set already; returns whether it was added. */
    public static boolean add(MachineControl machine, Breakpoint breakpoint) {
        List<Breakpoint> list = new ArrayList<>(machine.breakpoints());
        if (list.contains(breakpoint)) {
            return false;
        }
        list.add(breakpoint);
        machine.setBreakpoints(list);
        return true;
    }
}
