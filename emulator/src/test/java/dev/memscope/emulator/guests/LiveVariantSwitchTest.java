package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.SpteBits;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.Bdf;
import dev.memscope.emulator.vmm.HolePlan;
import dev.memscope.emulator.vmm.MemoryMap;
import dev.memscope.emulator.vmm.Vmm;
import dev.memscope.emulator.vmm.VmmStep;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: switching the hole variant on a live VM, at a stop in the middle of pci-scan. The VMM deletes the
 * read-only slots and creates PCI_HOLE ones; the kernel's side shows as events (kvm_set_memslot(), virt/kvm/
 * kvm_main.c): each DELETE makes the slot INVALID and zaps its SPTEs, every swap of the active memslots bumps the
 * generation by the number of address spaces, and the MMIO SPTEs made before the switch fail check_mmio_spte with a
 * stale generation. The guest does not notice: it prints what it prints without a switch.
 */
class LiveVariantSwitchTest {
    private static final MemoryMap MAP = MemoryMap.defaults();

    @Test
    void readonly_page_to_pci_hole_mid_scan_zaps_bumps_the_generation_and_leaves_stale_mmio_sptes() throws Exception {
        SimBackend sim = SimBackend.create(new SimOptions(MmuMode.TDP, "kernel", true));
        SessionSetup setup = GuestRuns.setup("pci-scan").withVariant(HoleVariant.READONLY_PAGE);
        PciScanModel scan = PciScanModel.scan(MAP);
        Bdf bridge = Bdf.parse("00:1c.0");
        long stopGpa = MAP.ecamBase() + bridge.ecamOffset(); // the ID read of the root port, a present function
        try (Vmm vmm = Vmm.boot(sim, setup.vmmConfig())) {
            VmmStep step;
            do { // small slices: the stop is an exit, wherever the slices end
                step = vmm.runOnce(500);
            } while (!(step.kvmExitReason() == KvmExitReason.MMIO && step.value() == stopGpa) && !step.finished());
            assertThat(step.finished()).isFalse();

            // Before the stop the scan has read function 0 of devices 0..28 on bus 0: the absent ones (3..27) are
            // mapped read-only from their slot; the present ones (00.0, 01.0, 02.0, 1c.0) have MMIO SPTEs.
            int stopIndex = indexOfIdRead(scan, bridge);
            Set<Long> mappedBefore = scan.accesses().subList(0, stopIndex).stream().filter(a -> !a.present())
                    .map(a -> a.gpa(MAP) >>> 12).collect(Collectors.toCollection(TreeSet::new));
            assertThat(mappedBefore).hasSize(25);
            List<HolePlan.SlotSpec> oldSlots = vmm.holePlan().slots();
            long genBefore = sim.memslotGeneration();
            long seq = sim.eventLog().nextSeq();

            vmm.switchVariant(HoleVariant.PCI_HOLE);

            List<TraceEvent> switchEvents = sim.eventLog().since(seq, Integer.MAX_VALUE);
            List<TraceEvent> commits = of(switchEvents, EventKind.MEMSLOT_COMMIT);
            int slots = oldSlots.size();
            assertThat(slots).isEqualTo(7); // runs of absent functions between the 8 present ones
            // DELETE: kvm_invalidate_memslot() swaps once, kvm_activate_memslot() again; CREATE swaps once.
            assertThat(commits).hasSize(2 * slots + slots);
            long perSwap = 2; // x86: two address spaces (normal, SMM)
            assertThat(sim.memslotGeneration() - genBefore).isEqualTo(perSwap * commits.size());
            assertThat(commits.stream().map(TraceEvent::a2).toList()).isSorted().doesNotHaveDuplicates();
            Set<Long> zapped = of(switchEvents, EventKind.KVM_TDP_MMU_SPTE_CHANGED).stream()
                    .filter(e -> e.a4() == 0 && SpteBits.isShadowPresent(e.a3()) && e.a2() == 1)
                    .map(TraceEvent::a1).collect(Collectors.toCollection(TreeSet::new));
            assertThat(zapped).as("4K SPTEs zapped by the DELETEs").isEqualTo(mappedBefore);

            long seqAfterSwitch = sim.eventLog().nextSeq();
            long kernelReadsBefore = sim.counters().get("hole_kernel_reads");
            do {
                step = vmm.runOnce(1_000_000);
            } while (!step.finished());
            assertThat(vmm.failure()).isNull();
            assertThat(vmm.exitCode()).isZero();
            assertThat(new String(vmm.console())).isEqualTo(scan.console());

            // The next access to the root port finds its MMIO SPTE from the old generation: stale, rebuilt.
            List<TraceEvent> checks = of(sim.eventLog().since(seqAfterSwitch, Integer.MAX_VALUE),
                    EventKind.CHECK_MMIO_SPTE);
            assertThat(checks).isNotEmpty();
            TraceEvent first = checks.get(0);
            assertThat(SpteBits.mmioGfn(first.a0())).isEqualTo(stopGpa >>> 12);
            assertThat(first.a1()).as("kvm_gen").isNotEqualTo(first.a2());
            assertThat(first.line()).endsWith("valid 0");
            // From the stop on, PCI_HOLE emulates the absent reads in the kernel.
            long absentReadsAfter = scan.accesses().subList(stopIndex + 1, scan.accesses().size()).stream()
                    .filter(a -> !a.present() && !a.write()).count();
            assertThat(sim.counters().get("hole_kernel_reads") - kernelReadsBefore).isEqualTo(absentReadsAfter);
        }
    }

    private static int indexOfIdRead(PciScanModel scan, Bdf bdf) {
        List<PciScanModel.Access> a = scan.accesses();
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).bdf().equals(bdf) && a.get(i).reg() == 0 && !a.get(i).write()) {
                return i;
            }
        }
        throw new AssertionError("the scan never reads " + bdf);
    }

    private static List<TraceEvent> of(List<TraceEvent> events, EventKind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }
}
