package dev.memscope.emulator.session;

import static dev.memscope.emulator.session.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.api.VariantSwitch;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.guests.SampleGuests;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The machine names where it stands as a {@link StopAt} (MachineSnapshot.position), and running a fresh machine to
 * that position gives the same event log, however the first run was stepped, paused and resumed.
 */
class MachinePositionTest {
    private final Machine first = machine();
    private final Machine second = machine();

    private static Machine machine() {
        return new Machine(s -> SimBackend.create(new SimOptions(s.mmu(), s.prefetchPolicy(), true)));
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private static SessionSetup setup(String guest, HoleVariant variant) throws Exception {
        return SessionSetup.of(guest, ElfImage.parse(SampleGuests.image(guest).orElseThrow())).withVariant(variant);
    }

    private static MachineSnapshot load(Machine m, SessionSetup setup) {
        m.load(setup);
        return await(m, s -> s.state() == RunState.READY);
    }

    private static MachineSnapshot stopped(Machine m, long afterVersion) {
        return await(m, s -> s.version() > afterVersion && s.state() != RunState.RUNNING);
    }

    private static List<TraceEvent> log(Machine m) {
        return m.eventsSince(0, Integer.MAX_VALUE);
    }

    @Test
    void the_entry_is_instruction_zero_and_a_stop_inside_a_fault_is_named_by_its_phase() throws Exception {
        MachineSnapshot ready = load(first, setup("pci-scan", HoleVariant.MMIO_EXIT));
        assertThat(ready.position()).isEqualTo(new StopAt.Instructions(0));
        assertThat(ready.positionExact()).isTrue();
        first.runTo(StopAt.parse("fault:3/faultin_pfn"));
        MachineSnapshot s = stopped(first, ready.version());
        assertThat(s.position()).isEqualTo(StopAt.parse("fault:3/faultin_pfn"));
        assertThat(s.positionExact()).isTrue();
        first.step(StepKind.PAGE_FAULT);
        MachineSnapshot next = stopped(first, s.version());
        assertThat(next.position()).isEqualTo(StopAt.parse("fault:4"));
        first.runTo(new StopAt.End());
        MachineSnapshot end = stopped(first, next.version());
        assertThat(end.state()).isEqualTo(RunState.EXITED);
        assertThat(end.position()).isEqualTo(new StopAt.End());
    }

    @Test
    void a_stop_at_a_memory_access_is_not_exact_and_names_the_instruction_boundary_before_it() throws Exception {
        MachineSnapshot ready = load(first, setup("hello", HoleVariant.MMIO_EXIT));
        first.runTo(new StopAt.Instructions(40));
        MachineSnapshot at40 = stopped(first, ready.version());
        first.step(StepKind.MEMORY_ACCESS);
        MachineSnapshot s = stopped(first, at40.version());
        assertThat(s.stopReason()).startsWith("memory access");
        assertThat(s.positionExact()).isFalse();
        assertThat(s.position()).isEqualTo(new StopAt.Instructions(s.instructions()));
    }

    @Test
    void stepping_and_slicing_leave_the_same_log_as_one_run_to_the_same_instruction() throws Exception {
        MachineSnapshot ready = load(first, setup("pci-scan", HoleVariant.ALLONES));
        long v = ready.version();
        for (int i = 0; i < 25; i++) {
            first.step(StepKind.INSTRUCTION);
            v = stopped(first, v).version();
        }
        first.step(StepKind.PAGE_FAULT);
        v = stopped(first, v).version();
        first.step(StepKind.FAULT_PHASE);
        v = stopped(first, v).version();
        first.runTo(new StopAt.Instructions(3_000));
        MachineSnapshot s = stopped(first, v);
        assertThat(s.position()).isEqualTo(new StopAt.Instructions(3_000));

        MachineSnapshot again = load(second, setup("pci-scan", HoleVariant.ALLONES));
        second.runTo(s.position());
        stopped(second, again.version());
        assertThat(log(second)).isEqualTo(log(first)).isNotEmpty();
    }

    @Test
    void a_pause_mid_run_stops_at_an_instruction_boundary_that_replays_to_the_same_log() throws Exception {
        MachineSnapshot ready = load(first, setup("pci-scan-naive", HoleVariant.MMIO_EXIT));
        first.run();
        await(first, s -> s.instructions() > 50_000);
        first.pause();
        MachineSnapshot s = stopped(first, ready.version());
        assertThat(s.state()).as(s.stopReason()).isEqualTo(RunState.STOPPED);
        assertThat(s.positionExact()).isTrue();

        MachineSnapshot again = load(second, setup("pci-scan-naive", HoleVariant.MMIO_EXIT));
        second.runTo(s.position());
        MachineSnapshot r = stopped(second, again.version());
        assertThat(r.instructions()).isEqualTo(s.instructions());
        assertThat(log(second)).isEqualTo(log(first));
    }

    @Test
    void a_run_that_resumes_on_a_pending_mmio_read_counts_its_completion_in_the_budget() throws Exception {
        // After an MMIO read exits to userspace the instruction has not retired; the next KVM_RUN completes it
        // (complete_emulated_mmio) and that is the first instruction of the run. A run to insn:N+1 from there
        // retires exactly one instruction, and a step retires exactly one too.
        MachineSnapshot atExit = load(first, setup("pci-scan-naive", HoleVariant.MMIO_EXIT));
        long exits = 0;
        do { // past the banner's console bytes to the first config-space read
            first.runTo(new StopAt.NthExit(++exits));
            atExit = stopped(first, atExit.version());
        } while (!atExit.stopReason().contains("KVM_EXIT_MMIO") && exits < 1_000);
        assertThat(atExit.stopReason()).contains("KVM_EXIT_MMIO");
        long n = atExit.instructions();
        first.runTo(new StopAt.Instructions(n + 1));
        MachineSnapshot after = stopped(first, atExit.version());
        assertThat(after.instructions()).isEqualTo(n + 1);
        assertThat(after.position()).isEqualTo(new StopAt.Instructions(n + 1));

        MachineSnapshot again = load(second, setup("pci-scan-naive", HoleVariant.MMIO_EXIT));
        second.runTo(new StopAt.NthExit(exits));
        MachineSnapshot atExit2 = stopped(second, again.version());
        assertThat(atExit2.instructions()).isEqualTo(n);
        second.step(StepKind.INSTRUCTION);
        MachineSnapshot stepped = stopped(second, atExit2.version());
        assertThat(stepped.instructions()).isEqualTo(n + 1);
        assertThat(log(second)).isEqualTo(log(first));
    }

    @Test
    void a_live_variant_switch_is_recorded_where_it_happened_and_replays() throws Exception {
        MachineSnapshot ready = load(first, setup("pci-scan", HoleVariant.ALLONES));
        first.runTo(StopAt.parse("fault:3/faultin_pfn"));
        MachineSnapshot inFault = stopped(first, ready.version());
        assertThat(inFault.stopReason()).endsWith("(fault:3/faultin_pfn)");
        first.switchVariant(HoleVariant.PCI_HOLE);
        MachineSnapshot switched = await(first, x -> !x.variantSwitches().isEmpty());
        VariantSwitch sw = switched.variantSwitches().get(0);
        assertThat(sw.from()).isEqualTo(HoleVariant.ALLONES);
        assertThat(sw.to()).isEqualTo(HoleVariant.PCI_HOLE);
        // The switch waits for the fault to finish and its instruction to retire: an instruction boundary.
        assertThat(sw.at()).isInstanceOf(StopAt.Instructions.class);
        assertThat(sw.exact()).isTrue();
        assertThat(((StopAt.Instructions) sw.at()).count()).isGreaterThan(inFault.instructions());
        first.runTo(new StopAt.End());
        MachineSnapshot end = await(first, x -> x.state() == RunState.EXITED);

        MachineSnapshot again = load(second, setup("pci-scan", HoleVariant.ALLONES));
        second.runTo(sw.at());
        MachineSnapshot r = stopped(second, again.version());
        second.switchVariant(HoleVariant.PCI_HOLE);
        await(second, x -> !x.variantSwitches().isEmpty());
        second.runTo(new StopAt.End());
        MachineSnapshot end2 = await(second, x -> x.state() == RunState.EXITED);
        assertThat(r.instructions()).isEqualTo(((StopAt.Instructions) sw.at()).count());
        assertThat(end2.consoleTail()).isEqualTo(end.consoleTail());
        assertThat(log(second)).isEqualTo(log(first));
    }
}
