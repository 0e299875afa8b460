package dev.memscope.emulator.vmm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.HoleVariant;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import org.junit.jupiter.api.Test;

/**
 * The default topology's present functions sit at ECAM pages 0 (00:00.0), 8 (00:01.0), 16 (00:02.0), 224 (00:1c.0),
 * 248, 250, 251 (00:1f.0/2/3) and 256 (01:00.0): 8 pages. The absent pages between them form 7 runs.
 */
class HolePlanTest {
    private static final MemoryMap MAP = MemoryMap.defaults();
    private static final PciTopology TOPOLOGY = PciTopology.q35Default();
    private static final long ABSENT_BYTES = (256L << 20) - 8 * 4096;

    @Test
    void absent_functions_coalesce_into_maximal_runs_around_the_present_ones() {
        var runs = HolePlan.absentRuns(MAP, TOPOLOGY);
        assertThat(runs).hasSize(7);
        assertThat(runs.get(0)).containsExactly(MAP.ecamBase() + 4096, 7 * 4096);
        assertThat(runs.get(4)).containsExactly(MAP.ecamBase() + 249 * 4096, 4096); // 00:1f.1, between .0 and .2
        assertThat(runs.get(6)).containsExactly(MAP.ecamBase() + 257 * 4096, (65536 - 257) * 4096L);
        assertThat(runs.stream().mapToLong(r -> r[1]).sum()).isEqualTo(ABSENT_BYTES);
    }

    @Test
    void mmio_exit_creates_no_slot_and_costs_nothing() {
        HolePlan p = HolePlan.plan(HoleVariant.MMIO_EXIT, MAP, TOPOLOGY, 1);
        assertThat(p.slots()).isEmpty();
        assertThat(p.hostBytes()).isZero();
    }

    @Test
    void readonly_page_backs_every_absent_byte_with_real_memory() {
        HolePlan p = HolePlan.plan(HoleVariant.READONLY_PAGE, MAP, TOPOLOGY, 1);
        assertThat(p.slots()).hasSize(7).allMatch(s -> s.flags() == MemFlags.READONLY);
        assertThat(p.mappings()).allMatch(m -> m.backing() == MemoryBacking.FILLED_FF);
        assertThat(p.hostBytes()).isEqualTo(ABSENT_BYTES);
        assertThat(p.slots()).extracting(HolePlan.SlotSpec::slotId).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void allones_and_single_hva_cost_one_page_and_pci_hole_none() {
        HolePlan allones = HolePlan.plan(HoleVariant.ALLONES, MAP, TOPOLOGY, 1);
        assertThat(allones.slots()).allMatch(s -> s.flags() == MemFlags.ALLONES && s.mapping() == -1);
        assertThat(allones.hostBytes()).isEqualTo(4096);
        HolePlan single = HolePlan.plan(HoleVariant.SINGLE_HVA, MAP, TOPOLOGY, 1);
        assertThat(single.mappings()).singleElement().extracting(HolePlan.Mapping::backing)
                .isEqualTo(MemoryBacking.SINGLE_PAGE_FF);
        assertThat(single.slots()).allMatch(s -> s.flags() == MemFlags.READONLY && s.mapping() == 0
                && s.bytes() <= HolePlan.SINGLE_HVA_CHUNK
                && (s.gpa() & (HolePlan.SINGLE_HVA_CHUNK - 1)) == s.mappingOffset()
                && s.mappingOffset() + s.bytes() <= HolePlan.SINGLE_HVA_CHUNK);
        assertThat(single.slots().stream().mapToLong(HolePlan.SlotSpec::bytes).sum()).isEqualTo(ABSENT_BYTES);
        // The window is 128 chunks of 2 MiB (512 pages each). All 8 present pages (0..256) lie in the first chunk,
        // which therefore holds all 7 absent runs' starts: 7 slots; each of the other 127 chunks is one slot.
        assertThat(single.slots()).hasSize(7 + 127);
        assertThat(single.hostBytes()).isEqualTo(4096);
        HolePlan hole = HolePlan.plan(HoleVariant.PCI_HOLE, MAP, TOPOLOGY, 1);
        assertThat(hole.slots()).hasSize(7).allMatch(s -> s.flags() == MemFlags.PCI_HOLE);
        assertThat(hole.hostBytes()).isZero();
    }

    @Test
    void no_slot_covers_a_present_function() {
        for (HoleVariant v : HoleVariant.values()) {
            for (HolePlan.SlotSpec s : HolePlan.plan(v, MAP, TOPOLOGY, 1).slots()) {
                for (PciFunction f : TOPOLOGY.functions()) {
                    long page = MAP.ecamBase() + f.bdf().ecamOffset();
                    assertThat(page >= s.gpa() && page < s.gpa() + s.bytes()).as(v + " slot over " + f.bdf())
                            .isFalse();
                }
            }
        }
    }
}
