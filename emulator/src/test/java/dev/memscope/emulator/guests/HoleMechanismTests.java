package dev.memscope.emulator.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.FaultRecord;
import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.api.HostMemoryInfo;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.session.BatchRun;
import dev.memscope.emulator.session.SessionSetup;
import dev.memscope.emulator.vmm.HolePlan;
import dev.memscope.emulator.vmm.Vmm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the model serves the hole inside the kernel, which only the simulated backend can show: PCI_HOLE emulates
 * reads without an exit and maps nothing; ALLONES maps the shared 0xff page, one fault per page, per 2 MiB region
 * (the review's bound) or per slot (RFC patch 4), the last two only where KVM builds direct tables (not under shadow
 * paging, which maps by gva: the RFC's loop is in the direct fault path).
 */
interface HoleMechanismTests extends BackendUnderTest {
    /** What a pci-scan run recorded, and the hole plan's slots. */
    record Scanned(Recording rec, List<HolePlan.SlotSpec> slots) {
    }

    private Scanned scan(HoleVariant v, String policy) throws Exception {
        Recording rec = new Recording(factory());
        SessionSetup setup = GuestRuns.setup("pci-scan").withBackend(backend()).withMmu(mmu()).withVariant(v)
                .withPrefetchPolicy(policy);
        try (GuestRuns.Stepped run = GuestRuns.step(setup, rec, new BatchRun.Limits(50_000_000L, 60_000_000_000L))) {
            assertThat(run.failure()).isNull();
            assertThat(run.vmm().exitCode()).isZero();
            return new Scanned(rec, run.vmm().holePlan().slots());
        }
    }

    /** The host memory the model holds for the VM, the kernel's shared 0xff page included, right after boot. */
    private long hostBytesAfterBoot(HoleVariant v) throws Exception {
        SessionSetup setup = GuestRuns.setup("pci-scan").withBackend(backend()).withMmu(mmu()).withVariant(v);
        SimBackend sim = (SimBackend) factory().create(setup);
        try (Vmm vmm = Vmm.boot(sim, setup.vmmConfig())) {
            HostMemoryInfo host = sim.kvm().snapshot().host();
            return host.hostBytes() + 4096 * host.kernelAllonesPages();
        }
    }

    /** What the plan says a variant costs is what the model's host memory holds beyond mmio-exit's. */
    @ParameterizedTest
    @EnumSource(HoleVariant.class)
    default void the_hole_costs_the_host_what_the_plan_says(HoleVariant v) throws Exception {
        assertThat(hostBytesAfterBoot(v) - hostBytesAfterBoot(HoleVariant.MMIO_EXIT))
                .isEqualTo(HoleVariantTests.hostBytes(v));
    }

    @Test
    default void pci_hole_emulates_every_absent_read_in_the_kernel_and_maps_nothing() throws Exception {
        Recording rec = scan(HoleVariant.PCI_HOLE, "kernel").rec();
        Map<Long, Long> expected = new TreeMap<>();
        PciScanModel.scan(MAP).accesses().stream().filter(a -> !a.present() && !a.write())
                .forEach(a -> expected.merge(a.gpa(MAP) >>> 12, 1L, Long::sum));
        assertThat(rec.sim().counters().get("hole_kernel_reads")).isEqualTo(65L).isEqualTo(
                expected.values().stream().mapToLong(Long::longValue).sum());
        assertThat(new TreeMap<>(rec.sim().kernelHoleReadsByGfn())).isEqualTo(expected);
        assertThat(rec.installedGfns).noneMatch(gfn -> MAP.inEcam(gfn << 12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whole-slot", "bounded-2m", "kernel", "none"})
    default void allones_takes_one_read_fault_per_page_region_or_slot_as_its_policy_says(String policy)
            throws Exception {
        Scanned scanned = scan(HoleVariant.ALLONES, policy);
        Recording rec = scanned.rec();
        boolean loops = mmu() != MmuMode.SHADOW && (policy.equals("whole-slot") || policy.equals("bounded-2m"));
        // What one read fault maps, keyed by its first gfn: the page, its slot's part of the 2 MiB region, the slot.
        Map<Long, Long> units = new LinkedHashMap<>();
        TreeSet<Long> absentReadGfns = new TreeSet<>();
        PciScanModel.scan(MAP).accesses().stream().filter(a -> !a.present() && !a.write())
                .forEach(a -> absentReadGfns.add(a.gpa(MAP) >>> 12));
        for (long gfn : absentReadGfns) {
            HolePlan.SlotSpec s = scanned.slots().stream().filter(x -> gfn >= x.gpa() >>> 12
                    && gfn < (x.gpa() + x.bytes()) >>> 12).findFirst().orElseThrow();
            long lo = s.gpa() >>> 12;
            long hi = (s.gpa() + s.bytes()) >>> 12;
            if (!loops) {
                lo = gfn;
                hi = gfn + 1;
            } else if (policy.equals("bounded-2m")) {
                lo = Math.max(lo, gfn & ~511L);
                hi = Math.min(hi, (gfn & ~511L) + 512);
            }
            units.putIfAbsent(lo, hi - lo);
        }
        List<FaultRecord> readFaults = rec.faults.stream().filter(f -> !f.write() && !f.prefetch()
                && MAP.inEcam(f.gpa()) && absentReadGfns.contains(f.gpa() >>> 12)).toList();
        assertThat(readFaults.stream().map(f -> f.gpa() >>> 12).toList()).as("read faults on absent functions")
                .hasSize(units.size());
        assertThat(rec.installedGfns.stream().filter(gfn -> MAP.inEcam(gfn << 12)).count())
                .as("SPTEs mapped over the hole").isEqualTo(units.values().stream().mapToLong(Long::longValue).sum());
        if (policy.equals("whole-slot") && loops) {
            assertThat(units).as("slots touched by pci-scan").hasSize(5);
        }
    }
}
