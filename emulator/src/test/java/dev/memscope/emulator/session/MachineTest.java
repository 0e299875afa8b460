package dev.memscope.emulator.session;

import static dev.memscope.emulator.session.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.ScriptedBackend;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.guests.SampleGuests;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MachineTest {
    private Machine machine;

    @AfterEach
    void close() {
        if (machine != null) {
            machine.close();
        }
    }

    private static SessionSetup setup() throws Exception {
        return SessionSetup.of("hello", ElfImage.parse(SampleGuests.image("hello").orElseThrow()));
    }

    private Machine machineWith(Supplier<ScriptedBackend> backends) {
        machine = new Machine(s -> backends.get());
        return machine;
    }

    @Test
    void loads_to_the_entry_point_then_runs_to_the_exit_code() throws Exception {
        Machine m = machineWith(() -> new ScriptedBackend().out(GuestAbi.PORT_CONSOLE, 1, 'o')
                .out(GuestAbi.PORT_CONSOLE, 1, 'k').out(GuestAbi.PORT_EXIT, 4, 0));
        m.load(setup());
        MachineSnapshot ready = await(m, s -> s.state() == RunState.READY);
        assertThat(ready.setup().guest()).isEqualTo("hello");
        assertThat(ready.cpu().rip()).isEqualTo(0x100000L);
        m.run();
        MachineSnapshot done = await(m, s -> s.state() == RunState.EXITED);
        assertThat(done.consoleTail()).isEqualTo("ok");
        assertThat(done.exitCode()).isZero();
        assertThat(done.counter("exits.IO")).isEqualTo(3);
        assertThat(done.version()).isGreaterThan(ready.version());
    }

    @Test
    void stepping_to_the_next_userspace_exit_stops_after_exactly_one() throws Exception {
        Machine m = machineWith(() -> new ScriptedBackend().out(GuestAbi.PORT_CONSOLE, 1, 'a')
                .out(GuestAbi.PORT_CONSOLE, 1, 'b').out(GuestAbi.PORT_EXIT, 4, 0));
        m.load(setup());
        await(m, s -> s.state() == RunState.READY);
        m.step(StepKind.USERSPACE_EXIT);
        MachineSnapshot first = await(m, s -> s.state() == RunState.STOPPED);
        assertThat(first.consoleTail()).isEqualTo("a");
        assertThat(first.stopReason()).contains("KVM_EXIT_IO");
        m.step(StepKind.USERSPACE_EXIT);
        assertThat(await(m, s -> s.state() == RunState.STOPPED && s.consoleLength() == 2).consoleTail())
                .isEqualTo("ab");
    }

    @Test
    void a_sync_breakpoint_stops_the_run_and_pause_stops_a_spinning_guest() throws Exception {
        Machine m = machineWith(() -> new ScriptedBackend().out(GuestAbi.PORT_SYNC, 4, 5));
        m.setBreakpoints(List.of(new Breakpoint.SyncValue(5)));
        m.load(setup());
        await(m, s -> s.state() == RunState.READY);
        m.run();
        assertThat(await(m, s -> s.state() == RunState.STOPPED).stopReason()).contains("sync value 5");
        m.run(); // the script is empty now: the scripted guest "spins" (KVM_RUN returns without an exit)
        await(m, s -> s.state() == RunState.RUNNING);
        m.pause();
        assertThat(await(m, s -> s.state() == RunState.STOPPED).stopReason()).isEqualTo("paused");
    }

    @Test
    void a_backend_that_cannot_be_created_fails_the_load_with_the_reason() throws Exception {
        machine = new Machine(s -> {
            throw new BackendException("/dev/kvm is missing");
        });
        machine.load(setup().withBackend("kvm"));
        MachineSnapshot s = await(machine, x -> x.state() == RunState.FAILED);
        assertThat(s.stopReason()).isEqualTo("cannot create the kvm backend: /dev/kvm is missing");
    }

    @Test
    void reset_builds_the_machine_again_from_its_setup() throws Exception {
        Machine m = machineWith(() -> new ScriptedBackend().out(GuestAbi.PORT_CONSOLE, 1, 'x')
                .out(GuestAbi.PORT_EXIT, 4, 9));
        m.load(setup());
        await(m, s -> s.state() == RunState.READY);
        m.run();
        await(m, s -> s.state() == RunState.EXITED);
        m.reset();
        MachineSnapshot again = await(m, s -> s.state() == RunState.READY);
        assertThat(again.consoleLength()).isZero();
    }
}
