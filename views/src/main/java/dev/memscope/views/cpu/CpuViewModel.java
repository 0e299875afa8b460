package dev.memscope.views.cpu;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.CpuState;
import dev.memscope.emulator.api.DisasmLine;
import dev.memscope.emulator.api.MachineControl;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.views.common.PaneModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The CPU pane's state: register rows diffed against the previous stop, the disassembly around RIP, the current
 * instruction and the RIP breakpoints. Plain properties; the machine is reached only through commands and
 * {@link QueryAsker}, so it is tested without a window.
 */
public final class CpuViewModel implements PaneModel {
    /** Instructions asked for before and after RIP, and how close to the listing's end RIP may come. */
    static final int BEFORE = 12;
    static final int AFTER = 40;
    static final int MARGIN = 8;

    private final MachineControl machine;
    private final QueryAsker asker;
    private final ReadOnlyObjectWrapper<List<RegisterRow>> registers = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<FlagChip>> flags = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<DisasmListing> listing = new ReadOnlyObjectWrapper<>(DisasmListing.EMPTY);
    private final ReadOnlyObjectWrapper<Long> currentRip = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Set<Long>> breakpointRips = new ReadOnlyObjectWrapper<>(Set.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No guest loaded.");
    private final BooleanProperty showBytes = new SimpleBooleanProperty(this, "showBytes", false);
    private CpuState lastStop;
    private CpuState previousStop;
    private String image;
    private Long askedFor;

    public CpuViewModel(MachineControl machine, QueryAsker asker) {
        this.machine = machine;
        this.asker = asker;
        showBytes.addListener((obs, was, is) -> listing.set(new DisasmListing(listing.get().lines(), is)));
    }

    @Override
    public void onSnapshot(MachineSnapshot s) {
        breakpointRips.set(ripsOf(machine.breakpoints()));
        String nextImage = s.setup() == null ? null : s.setup().imageSha256();
        if (!Objects.equals(image, nextImage)) {
            image = nextImage;
            forgetRun();
        }
        CpuState cpu = s.cpu();
        if (cpu == null) {
            registers.set(List.of());
            flags.set(List.of());
            currentRip.set(null);
            status.set(s.state() == RunState.NO_GUEST ? "No guest loaded."
                    : "The backend does not show the vCPU's registers.");
            return;
        }
        boolean running = s.state() == RunState.RUNNING;
        if (s.state() == RunState.READY) { // a fresh start: nothing has changed yet
            forgetRun();
            lastStop = cpu;
        } else if (!running && !Registers.same(cpu, lastStop)) {
            previousStop = lastStop;
            lastStop = cpu;
        }
        CpuState baseline = running ? lastStop : previousStop;
        registers.set(Registers.rows(cpu, baseline));
        flags.set(Registers.flags(cpu, baseline));
        if (running) {
            currentRip.set(null);
            status.set("Running\u2026 (registers as of the last snapshot)");
            return;
        }
        currentRip.set(cpu.rip());
        status.set(s.stopReason().isEmpty() ? s.state().name().toLowerCase() : s.stopReason());
        if (!listing.get().coversWithMargin(cpu.rip(), MARGIN) && !Objects.equals(askedFor, cpu.rip())) {
            askDisassembly(cpu.rip());
        }
    }

    /** Adds a RIP breakpoint at {@code rip}, or removes the one there, keeping the machine's other breakpoints. */
    public void toggleBreakpoint(long rip) {
        List<Breakpoint> next = new ArrayList<>(machine.breakpoints());
        Breakpoint bp = new Breakpoint.Rip(rip);
        if (!next.remove(bp)) {
            next.add(bp);
        }
        machine.setBreakpoints(next);
        breakpointRips.set(ripsOf(next));
    }

    public boolean hasBreakpoint(long rip) {
        return breakpointRips.get().contains(rip);
    }

    private void askDisassembly(long rip) {
        askedFor = rip;
        asker.ask(new Query.Disassemble(rip, BEFORE, AFTER), lines -> {
            if (Objects.equals(askedFor, rip)) {
                listing.set(new DisasmListing(lines, showBytes.get()));
            }
        }, error -> {
            askedFor = null;
            status.set("No disassembly at 0x" + Long.toHexString(rip) + ": " + error.getMessage());
        });
    }

    private void forgetRun() {
        lastStop = null;
        previousStop = null;
        askedFor = null;
        listing.set(new DisasmListing(List.<DisasmLine>of(), showBytes.get()));
    }

    private static Set<Long> ripsOf(List<Breakpoint> breakpoints) {
        return breakpoints.stream().filter(b -> b instanceof Breakpoint.Rip).map(b -> ((Breakpoint.Rip) b).rip())
                .collect(Collectors.toUnmodifiableSet());
    }

    public ReadOnlyObjectProperty<List<RegisterRow>> registersProperty() {
        return registers.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<FlagChip>> flagsProperty() {
        return flags.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DisasmListing> listingProperty() {
        return listing.getReadOnlyProperty();
    }

    /** The address of the instruction about to execute, or null while running or without a guest. */
    public ReadOnlyObjectProperty<Long> currentRipProperty() {
        return currentRip.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Set<Long>> breakpointRipsProperty() {
        return breakpointRips.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the listing shows each instruction's bytes (off by default: the left dock is narrow). */
    public BooleanProperty showBytesProperty() {
        return showBytes;
    }
}
