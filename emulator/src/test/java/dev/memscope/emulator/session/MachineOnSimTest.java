package dev.memscope.emulator.session;

import static dev.memscope.emulator.session.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.Breakpoint;
import dev.memscope.emulator.api.DisasmLine;
import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.SpteMap;
import dev.memscope.emulator.api.StepKind;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.guests.SampleGuests;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The debugger's stops on the simulated machine, with the pci-scan guest. */
class MachineOnSimTest {
    private final Machine machine = new Machine(s -> SimBackend.create(new SimOptions(s.mmu(), s.prefetchPolicy(),
            true)));

    @AfterEach
    void close() {
        machine.close();
    }

    private ElfImage image(String name) throws Exception {
        return ElfImage.parse(SampleGuests.image(name).orElseThrow());
    }

    private MachineSnapshot loaded(String guest, HoleVariant variant) throws Exception {
        machine.load(SessionSetup.of(guest, image(guest)).withVariant(variant));
        return await(machine, s -> s.state() == RunState.READY);
    }

    @Test
    void runs_pci_scan_to_its_exit_code_with_the_console_of_the_scan() throws Exception {
        loaded("pci-scan", HoleVariant.ALLONES);
        machine.run();
        MachineSnapshot done = await(machine, s -> s.state().finished());
        assertThat(done.state()).isEqualTo(RunState.EXITED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.consoleTail()).contains("pci-scan: 8 functions found with 71 ID reads");
    }

    @Test
    void stepping_phases_walks_one_fault_from_decode_to_done() throws Exception {
        loaded("hello", HoleVariant.MMIO_EXIT);
        machine.step(StepKind.PAGE_FAULT);
        MachineSnapshot start = await(machine, s -> s.state() == RunState.STOPPED);
        assertThat(start.stopReason()).startsWith("page fault #1 at gpa 0x").contains("before its first phase");
        assertThat(start.currentFault()).isNotNull();
        assertThat(start.currentFault().phases()).isEmpty();
        // TDP fault order (DOMAIN.md §2): decode, fast page fault, faultin_pfn, hugepage adjust, map; never prefetch.
        List<String> seen = new java.util.ArrayList<>();
        long version = start.version();
        for (int i = 0; i < 12; i++) {
            machine.step(StepKind.FAULT_PHASE);
            long v = version;
            MachineSnapshot s = await(machine, x -> x.version() > v && x.state() == RunState.STOPPED);
            version = s.version();
            seen.add(s.stopReason());
            if (s.stopReason().contains(", RET_PF_")) {
                break;
            }
        }
        assertThat(seen.get(0)).isEqualTo("page fault #1: error-code decode done");
        assertThat(String.join("\n", seen)).contains("fast page fault done", "faultin_pfn done", "map done")
                .doesNotContain("prefetch done");
        assertThat(seen.get(seen.size() - 1)).endsWith("RET_PF_FIXED");
    }

    @Test
    void runs_to_a_fault_phase_and_to_an_exact_instruction_count() throws Exception {
        loaded("pci-scan", HoleVariant.MMIO_EXIT);
        machine.runTo(StopAt.parse("fault:3/faultin_pfn"));
        MachineSnapshot s = await(machine, x -> x.state() == RunState.STOPPED);
        assertThat(s.stopReason()).startsWith("page fault #3: faultin_pfn done").endsWith("(fault:3/faultin_pfn)");
        assertThat(s.currentFault().phases()).endsWith(FaultPhase.FAULTIN_PFN);
        machine.runTo(new StopAt.Instructions(5_000));
        MachineSnapshot at = await(machine, x -> x.state() == RunState.STOPPED && x.instructions() == 5_000);
        assertThat(at.stopReason()).isEqualTo("at insn:5000");
    }

    @Test
    void a_rip_breakpoint_stops_before_main_and_disassembly_marks_it() throws Exception {
        ElfImage img = image("pci-scan");
        long main = img.symbols().stream().filter(x -> x.name().equals("main")).findFirst().orElseThrow().value();
        loaded("pci-scan", HoleVariant.MMIO_EXIT);
        machine.setBreakpoints(List.of(new Breakpoint.Rip(main)));
        machine.run();
        MachineSnapshot s = await(machine, x -> x.state() == RunState.STOPPED);
        assertThat(s.stopReason()).isEqualTo(String.format("breakpoint at RIP 0x%x", main));
        assertThat(s.cpu().rip()).isEqualTo(main);
        List<DisasmLine> lines = machine.query(new Query.Disassemble(main, 3, 4)).get(5, TimeUnit.SECONDS);
        assertThat(lines).anyMatch(l -> l.address() == main && l.symbol().equals("main"));
        assertThat(lines.size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void the_spte_map_of_the_ecam_window_shows_what_allones_mapped() throws Exception {
        loaded("pci-scan", HoleVariant.ALLONES);
        machine.run();
        await(machine, s -> s.state() == RunState.EXITED);
        long ecamGfn = 0xB0000000L >>> 12;
        SpteMap map = machine.query(new Query.SpteMapRange(0, ecamGfn, 512)).get(5, TimeUnit.SECONDS);
        // 00:03.0 (ECAM page 24) is absent and was probed: an ALLONES slot maps it read-only, 4 KiB.
        int absent = map.state(ecamGfn + 24);
        assertThat(absent & SpteMap.PRESENT).isNotZero();
        assertThat(absent & (SpteMap.WRITABLE | SpteMap.HUGE | SpteMap.NO_SLOT)).isZero();
        // 00:1f.2 (page 250) is present: unslotted, so its accesses exit and leave an MMIO SPTE.
        assertThat(map.state(ecamGfn + 250)).isEqualTo(SpteMap.NO_SLOT | SpteMap.MMIO);
    }

    @Test
    void the_pre_fault_command_maps_a_range_at_a_stop_and_shadow_paging_refuses_it() throws Exception {
        loaded("hello", HoleVariant.MMIO_EXIT);
        var r = machine.preFaultMemory(0x200000, 0x200000, 0).get(5, TimeUnit.SECONDS);
        assertThat(r.ret()).isZero(); // api.rst 4.143: 0, with the range processed left out of the struct
        assertThat(r.sizeAfter()).isZero();
        assertThat(r.gpaAfter()).isEqualTo(0x400000L);
        assertThat(machine.preFaultMemory(0x1000, 0x1000, 1).get(5, TimeUnit.SECONDS).ret())
                .isEqualTo(-22); // flags != 0: -EINVAL
        machine.load(SessionSetup.of("hello", image("hello")).withMmu(dev.memscope.emulator.api.MmuMode.SHADOW));
        await(machine, s -> s.state() == RunState.READY && s.setup().mmu() == dev.memscope.emulator.api.MmuMode.SHADOW);
        assertThat(machine.preFaultMemory(0x200000, 0x1000, 0).get(5, TimeUnit.SECONDS).ret())
                .isEqualTo(-95); // not the TDP MMU: -EOPNOTSUPP
    }

    @Test
    void dirty_logging_is_turned_on_at_a_stop_and_pulled_then_cleared() throws Exception {
        loaded("hello", HoleVariant.MMIO_EXIT);
        assertThat(machine.pullDirtyLog(0).get(5, TimeUnit.SECONDS).result()).isEqualTo(-2); // no bitmap: -ENOENT
        assertThat(machine.setDirtyLogging(0, true).get(5, TimeUnit.SECONDS)).isZero();
        machine.run();
        await(machine, s -> s.state() == RunState.EXITED);
        var first = machine.pullDirtyLog(0).get(5, TimeUnit.SECONDS);
        assertThat(first.result()).isZero();
        long stackGfn = ((64L << 20) - 8) >>> 12; // RSP starts at the top of RAM: the guest's first push dirties it
        assertThat(first.dirtyGfns()).contains(stackGfn);
        var second = machine.pullDirtyLog(0).get(5, TimeUnit.SECONDS);
        assertThat(second.dirtyPages()).isZero(); // KVM_GET_DIRTY_LOG clears what it copies out
    }

    @Test
    void reset_while_stopped_inside_a_fault_rebuilds_the_machine() throws Exception {
        loaded("hello", HoleVariant.MMIO_EXIT);
        machine.step(StepKind.PAGE_FAULT);
        await(machine, s -> s.state() == RunState.STOPPED && s.currentFault() != null);
        machine.reset();
        MachineSnapshot again = await(machine, s -> s.state() == RunState.READY);
        assertThat(again.instructions()).isZero();
        assertThat(again.currentFault()).isNull();
    }
}
