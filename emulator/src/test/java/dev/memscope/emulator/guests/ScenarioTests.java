package dev.memscope.emulator.guests;

import static dev.memscope.emulator.guests.BackendUnderTest.assertRan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.TraceEvent;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmCap;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.session.RunResult;
import dev.memscope.emulator.vmm.DirtyPull;
import dev.memscope.emulator.vmm.PreFaultCall;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The guests whose VMM does more than run them (catalog scenarios): pre-fault, dirty log, PFN-only memory. */
interface ScenarioTests extends BackendUnderTest {
    /** prefault.c's TEST_GPA and TEST_SIZE (the selftest's slot: 2 MiB + 4 KiB). */
    long TEST_GPA = 0x100000000L;
    long TEST_SIZE = (2L << 20) + 4096;

    /**
     * KVM_PRE_FAULT_MEMORY as api.rst 4.143 and pre_fault_memory_test.c say: where the capability is reported (x86:
     * tdp_enabled), RAM and the slot's first 2 MiB are processed whole, 8 KiB across the slot's end leaves 4 KiB
     * (return 0: partial progress), 4 KiB past it fails with -ENOENT and leaves the struct as it was. Without TDP
     * (shadow paging) every call is -EOPNOTSUPP with nothing processed. Either way the guest reads the same.
     */
    @Test
    default void prefault_reproduces_the_selftest_or_the_kernels_eopnotsupp() throws Exception {
        Recording rec = new Recording(factory());
        RunResult r = run("prefault", rec);
        assertRan(r, ExpectedConsole.prefault(), 0);
        List<PreFaultCall> calls = r.preFaultCalls();
        assertThat(calls).hasSize(4);
        long ram = MAP.ramBytes();
        long[][] asked = {{0, ram}, {TEST_GPA, 2L << 20}, {TEST_GPA + (2L << 20), 8192}, {TEST_GPA + TEST_SIZE, 4096}};
        for (int i = 0; i < 4; i++) {
            assertThat(calls.get(i).before().gpa).isEqualTo(asked[i][0]);
            assertThat(calls.get(i).before().size).isEqualTo(asked[i][1]);
        }
        if (capability(KvmCap.PRE_FAULT_MEMORY) == 0) {
            assertThat(mmu() == MmuMode.SHADOW || backend().equals("kvm")).as("only shadow paging lacks it").isTrue();
            for (PreFaultCall c : calls) {
                assertThat(c.result()).as(c.toString()).isEqualTo(-Errno.EOPNOTSUPP);
                assertThat(c.after().gpa).isEqualTo(c.before().gpa);
                assertThat(c.after().size).isEqualTo(c.before().size);
            }
            return;
        }
        long[][] left = {{ram, 0}, {TEST_GPA + (2L << 20), 0}, {TEST_GPA + TEST_SIZE, 4096}, {TEST_GPA + TEST_SIZE,
            4096}};
        int[] results = {0, 0, 0, -Errno.ENOENT};
        for (int i = 0; i < 4; i++) {
            PreFaultCall c = calls.get(i);
            assertThat(c.result()).as(c.toString()).isEqualTo(results[i]);
            assertThat(c.after().gpa).as(c.toString()).isEqualTo(left[i][0]);
            assertThat(c.after().size).as(c.toString()).isEqualTo(left[i][1]);
        }
        if (rec.backend() instanceof SimBackend) {
            // Pre-faulted: the guest's reads of the whole test slot take no fault.
            assertThat(rec.faults).filteredOn(f -> !f.prefetch() && f.gpa() >= TEST_GPA
                    && f.gpa() < TEST_GPA + TEST_SIZE).isEmpty();
        }
    }

    /** Each KVM_GET_DIRTY_LOG shows exactly the buffer pages of its round (pages outside the buffer are ignored). */
    @Test
    default void dirty_log_pulls_show_exactly_the_pages_each_round_wrote() throws Exception {
        long buffer = GuestRuns.symbol(GuestRuns.image("dirty-log"), "dirty_log_buffer");
        RunResult r = run("dirty-log");
        assertRan(r, ExpectedConsole.dirtyLog(buffer), 4);
        List<DirtyPull> pulls = r.dirtyPulls();
        assertThat(pulls).extracting(DirtyPull::syncValue).containsExactly(0L, 1L, 2L, 3L);
        for (int round = 0; round < 4; round++) {
            DirtyPull pull = pulls.get(round);
            assertThat(pull.result()).isZero();
            Set<Integer> dirty = new TreeSet<>();
            Set<Integer> expected = new TreeSet<>();
            for (int page = 0; page < 256; page++) {
                if (pull.dirty((buffer >>> 12) + page)) {
                    dirty.add(page);
                }
                if (ExpectedConsole.pageWritten(round, page)) {
                    expected.add(page);
                }
            }
            assertThat(dirty).as("buffer pages dirty at pull %d", round).isEqualTo(expected);
        }
    }

    /**
     * guest-map's page tables live in PFN-only memory. Under shadow paging KVM walks them itself: it maps their
     * frames with kvm_vcpu_map, by memremap since they have no struct page, and sets the guest's A/D bits; under TDP
     * the CPU does that and KVM maps nothing. The real backend has no PFN-only memory and says so in a note.
     */
    @Test
    default void guest_map_sets_a_and_d_through_kvm_vcpu_map_only_under_shadow_paging() throws Exception {
        Recording rec = new Recording(factory());
        RunResult r = run("guest-map", rec);
        assertRan(r, ExpectedConsole.guestMap(), 0);
        if (!(rec.backend() instanceof SimBackend sim)) {
            assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("no memory without struct page",
                    "pfn-only slot is ordinary anonymous memory", "kvm_vcpu_map"));
            return;
        }
        assertThat(r.notes()).isEmpty();
        assertThat(sim.eventLog().nextSeq()).as("events kept").isLessThan(1 << 16);
        List<TraceEvent> events = sim.eventLog().since(0, Integer.MAX_VALUE);
        long slotGfn = 0x80000000L >>> 12;
        List<TraceEvent> maps = events.stream().filter(e -> e.kind() == EventKind.VCPU_MAP).toList();
        Set<Long> accessed = new TreeSet<>();
        Set<Long> dirty = new TreeSet<>();
        events.stream().filter(e -> e.kind() == EventKind.KVM_MMU_SET_ACCESSED_BIT).forEach(e -> accessed.add(e.a0()));
        events.stream().filter(e -> e.kind() == EventKind.KVM_MMU_SET_DIRTY_BIT).forEach(e -> dirty.add(e.a0()));
        if (mmu() != MmuMode.SHADOW) {
            assertThat(maps).isEmpty();
            assertThat(accessed).isEmpty();
            assertThat(dirty).isEmpty();
            return;
        }
        // Frames of the 4 MiB PFN-only slot have no struct page: memremap; RAM (the boot tables) has: kmap.
        assertThat(maps).filteredOn(e -> e.a0() >= slotGfn && e.a0() < slotGfn + 1024).isNotEmpty()
                .allSatisfy(e -> assertThat(e.text()).contains("via memremap"));
        assertThat(maps).filteredOn(e -> e.a0() < slotGfn || e.a0() >= slotGfn + 1024)
                .allSatisfy(e -> assertThat(e.text()).contains("via kmap"));
        long ptData = 0x80004000L; // guest-map.c: PT_DATA, the PT of the 256 data pages
        for (long i = 0; i < 256; i++) {
            assertThat(accessed).as("KVM set A in data PTE %d", i).contains(ptData + 8 * i);
            if (i % 2 == 0) {
                assertThat(dirty).as("KVM set D in data PTE %d", i).contains(ptData + 8 * i);
            }
        }
        for (long i = 3; i < 256; i += 2) { // PTE 1 is remapped onto page 0 and then written through
            assertThat(dirty).as("D of the data page %d, only read", i).doesNotContain(ptData + 8 * i);
        }
    }
}
