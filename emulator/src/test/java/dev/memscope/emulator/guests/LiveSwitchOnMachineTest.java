package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.Awaits;
import dev.memscope.emulator.session.Machine;
import dev.memscope.emulator.vmm.Bdf;
import dev.memscope.emulator.vmm.MemoryMap;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The same live switch through the debugger, as the toolbar does it: stopped inside the machine, at the guest's read
 * of an absent function served from a mapped read-only page, the switch is carried out at the top level and the
 * guest then runs to the end with the console of an unswitched run.
 */
class LiveSwitchOnMachineTest {
    private static final MemoryMap MAP = MemoryMap.defaults();

    @Test
    void a_switch_at_a_stop_inside_a_memory_access_leaves_the_guest_running_correctly() throws Exception {
        try (Machine machine = new Machine(s -> SimBackend.create(new SimOptions(s.mmu(), s.prefetchPolicy(),
                true)))) {
            machine.load(GuestRuns.setup("pci-scan").withVariant(HoleVariant.READONLY_PAGE));
            await(machine, s -> s.state() == RunState.READY);
            long absent = MAP.ecamBase() + Bdf.parse("00:10.0").ecamOffset();
            machine.runTo(new StopAt.GpaTouched(absent));
            MachineSnapshot stop = await(machine, s -> s.state() == RunState.STOPPED);
            assertThat(stop.stopReason()).startsWith("gpa 0x" + Long.toHexString(absent) + " touched: read of 4");
            long seq = machine.eventsSince(0, Integer.MAX_VALUE).size();

            machine.switchVariant(HoleVariant.PCI_HOLE);
            MachineSnapshot switched = await(machine, s -> s.stopReason().startsWith("switched the hole"));
            assertThat(switched.state()).isEqualTo(RunState.STOPPED);
            List<TraceEvent> commits = machine.eventsSince(seq, Integer.MAX_VALUE).stream()
                    .filter(e -> e.kind() == EventKind.MEMSLOT_COMMIT).toList();
            assertThat(commits).hasSize(3 * 7); // 7 DELETEs (two swaps each), 7 CREATEs

            machine.run();
            MachineSnapshot end = await(machine, s -> s.state().finished());
            assertThat(end.state()).as(end.stopReason()).isEqualTo(RunState.EXITED);
            assertThat(end.exitCode()).isZero();
            byte[] console = machine.onMachineThread(v -> v.console()).get(5, TimeUnit.SECONDS);
            assertThat(new String(console)).isEqualTo(PciScanModel.scan(MAP).console());
        }
    }

    private static MachineSnapshot await(Machine m, Predicate<MachineSnapshot> condition) {
        return Awaits.await(m, Duration.ofSeconds(20), condition);
    }
}
