package dev.memscope.emulator.session;

import dev.memscope.emulator.api.CpuState;
import dev.memscope.emulator.api.HoleHits;
import dev.memscope.emulator.api.MachineSnapshot;
import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.api.RunState;
import dev.memscope.emulator.api.StopAt;
import dev.memscope.emulator.api.VariantSwitch;
import dev.memscope.emulator.backend.Introspection;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmSregs;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.vmm.Bdf;
import dev.memscope.emulator.vmm.Vmm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Makes immutable snapshots of the live machine, on the machine thread. */
final class SnapshotBuilder {
    static final int CONSOLE_TAIL_BYTES = 64 * 1024;
    static final int RECENT_FAULTS = 64;

    MachineSnapshot build(long version, RunState state, String stopReason, SessionSetup setup, Vmm vmm,
            StopAt position, boolean positionExact, List<VariantSwitch> switches) {
        if (setup == null) {
            return MachineSnapshot.empty(version);
        }
        MachineSnapshot.Setup info = new MachineSnapshot.Setup(setup.guestName(), setup.image().sha256(),
                setup.backend(), vmm == null ? "" : vmm.backend().describe(), setup.variant(), setup.mmu(),
                setup.prefetchPolicy(), setup.map().ramBytes(), setup.map().ecamBase(), setup.map().ecamBuses());
        if (vmm == null) {
            return new MachineSnapshot(version, state, stopReason, info, null, -1, 0, "", Map.of(), List.of(), 0,
                    null, List.of(), List.of(), null, 0, 0, 0, List.of(), !"kvm".equals(setup.backend()), position,
                    positionExact, switches);
        }
        VmBackend backend = vmm.backend();
        Introspection model = backend instanceof Introspection i ? i : null;
        byte[] console = vmm.console();
        int from = Math.max(0, console.length - CONSOLE_TAIL_BYTES);
        String tail = new String(console, from, console.length - from, StandardCharsets.UTF_8);

        Map<String, Long> counters = new LinkedHashMap<>();
        if (model != null) {
            counters.putAll(model.counters());
        }
        for (int reason = 0; reason < 64; reason++) {
            long n = vmm.exitCount(reason);
            if (n > 0) {
                counters.put("exits." + KvmExitReason.shortName(reason), n);
            }
        }
        counters.put("ecam.discarded_writes", vmm.ecam().discardedWrites());

        List<MemslotInfo> memslots = model != null ? model.memslots() : vmm.memslotInfos();
        return new MachineSnapshot(version, state, stopReason, info, cpuState(backend),
                model != null ? model.instructionsRetired() : -1, console.length, tail, counters, memslots,
                model != null ? model.memslotGeneration() : -1, model != null ? model.currentFault() : null,
                model != null ? model.recentFaults(RECENT_FAULTS) : List.of(), holeHits(vmm), vmm.exitCode(),
                model != null ? model.eventLog().nextSeq() - 1 : -1,
                model != null ? model.eventLog().modelledNanos() : 0, vmm.wallNanos(), vmm.notes(), model != null,
                position, positionExact, switches);
    }

    private static CpuState cpuState(VmBackend backend) {
        KvmRegs r = backend.getRegs();
        KvmSregs s = backend.getSregs();
        if (r == null || s == null) {
            return null;
        }
        return new CpuState(r.gpr(), r.rip(), r.rflags(), s.cr0(), s.cr2(), s.cr3(), s.cr4(), s.efer(),
                s.cs().dpl(), s.cs().selector(), s.ss().selector());
    }

    private static List<HoleHits> holeHits(Vmm vmm) {
        List<HoleHits> out = new ArrayList<>();
        var topology = vmm.ecam().topology();
        var map = vmm.config().map();
        long[] kernel = new long[map.ecamBuses() * 256];
        long[] mapped = new long[kernel.length];
        boolean countsMapped = vmm.backend() instanceof dev.memscope.emulator.backend.HoleObservation;
        if (vmm.backend() instanceof dev.memscope.emulator.backend.HoleObservation o) {
            o.mappedHoleReadsByGfn().forEach((gfn, n) -> {
                long gpa = gfn << 12;
                if (map.inEcam(gpa)) {
                    mapped[Bdf.ofEcamOffset(gpa - map.ecamBase()).index()] += n;
                }
            });
        }
        if (vmm.backend() instanceof dev.memscope.emulator.backend.sim.SimBackend sim) {
            sim.kernelHoleReadsByGfn().forEach((gfn, n) -> {
                long gpa = gfn << 12;
                if (map.inEcam(gpa)) {
                    kernel[Bdf.ofEcamOffset(gpa - map.ecamBase()).index()] += n;
                }
            });
        }
        for (int index = 0; index < kernel.length; index++) {
            Bdf bdf = new Bdf(index >>> 8, (index >>> 3) & 31, index & 7);
            long reads = vmm.ecam().userspaceReads(bdf);
            long writes = vmm.ecam().userspaceWrites(bdf);
            if (reads == 0 && writes == 0 && kernel[index] == 0 && mapped[index] == 0) {
                continue;
            }
            var f = topology.function(bdf);
            // Reads from mapped pages (read-only slots, ALLONES) never leave the guest: only the simulated backend
            // sees them (-1 elsewhere).
            out.add(new HoleHits(bdf.bus(), bdf.device(), bdf.function(), f.isPresent(),
                    f.map(x -> x.name()).orElse(""), reads, kernel[index], countsMapped ? mapped[index] : -1, writes,
                    f.isPresent() ? 0 : writes));
        }
        return out;
    }
}
