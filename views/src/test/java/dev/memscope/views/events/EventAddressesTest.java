package dev.memscope.views.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.EventKind;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.api.TraceEvent;
import org.junit.jupiter.api.Test;

class EventAddressesTest {
    private static TraceEvent ev(EventKind kind, long... args) {
        long[] a = java.util.Arrays.copyOf(args, 6);
        return new TraceEvent(1, 0, 0, kind, a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    @Test
    void a_gfn_field_is_the_frame() {
        assertThat(EventAddresses.firstGfn(ev(EventKind.KVM_MMU_SPTE_REQUESTED, 0xb0018, 0x7f3, 1), MmuMode.TDP))
                .isEqualTo(0xb0018);
        // fault_phase has both addr and gfn: the gfn wins
        assertThat(EventAddresses.firstGfn(ev(EventKind.FAULT_PHASE, 0xb0018004L, 0, -1, 0xb0018), MmuMode.SHADOW))
                .isEqualTo(0xb0018);
    }

    @Test
    void a_gpa_field_is_shifted_and_kept_whole() {
        TraceEvent mmio = ev(EventKind.KVM_MMIO, 1, 4, 0xb001000eL, 0x80);
        assertThat(EventAddresses.firstGfn(mmio, MmuMode.TDP)).isEqualTo(0xb0010);
        assertThat(EventAddresses.gpa(mmio, MmuMode.SHADOW)).isEqualTo(0xb001000eL);
    }

    @Test
    void fault_addresses_are_gpas_only_without_shadow_paging() {
        TraceEvent pf = ev(EventKind.KVM_PAGE_FAULT, 0x100bb3, 0xb0018000L, 0x181);
        assertThat(EventAddresses.firstGfn(pf, MmuMode.TDP)).isEqualTo(0xb0018);
        assertThat(EventAddresses.firstGfn(pf, MmuMode.DIRECT)).isEqualTo(0xb0018);
        assertThat(EventAddresses.firstGfn(pf, MmuMode.SHADOW)).isEqualTo(EventAddresses.NONE);
        TraceEvent fast = ev(EventKind.FAST_PAGE_FAULT, 0x2000, 0, 0, 0, 0, 0);
        assertThat(EventAddresses.firstGfn(fast, MmuMode.TDP)).isEqualTo(2);
    }

    @Test
    void a_guest_walk_names_a_virtual_address_never_a_frame() {
        TraceEvent walk = ev(EventKind.KVM_MMU_PAGETABLE_WALK, 0xb0018000L, 0);
        assertThat(EventAddresses.firstGfn(walk, MmuMode.TDP)).isEqualTo(EventAddresses.NONE);
        assertThat(EventAddresses.gpa(walk, MmuMode.TDP)).isEqualTo(EventAddresses.NONE);
    }

    @Test
    void events_about_no_memory_have_no_frame() {
        assertThat(EventAddresses.firstGfn(ev(EventKind.KVM_EXIT, 48, 0x100bb3), MmuMode.TDP))
                .isEqualTo(EventAddresses.NONE);
        assertThat(EventAddresses.firstGfn(ev(EventKind.TLB_FLUSH, 0), MmuMode.TDP)).isEqualTo(EventAddresses.NONE);
    }

    @Test
    void spans_come_from_npages_size_level_and_role() {
        assertThat(EventAddresses.pages(ev(EventKind.MEMSLOT_COMMIT, 2, 0, 6, 0xb0018, 0xe8, 0x100)))
                .isEqualTo(0xe8);
        assertThat(EventAddresses.pages(ev(EventKind.PRE_FAULT_MEMORY, 0x1800, 0x2000, 0, 0, 0))).isEqualTo(3);
        assertThat(EventAddresses.pages(ev(EventKind.KVM_MMU_SET_SPTE, 0x200, 0, 0, 2, 5))).isEqualTo(512);
        int directL2 = 2 | 1 << 7;
        assertThat(EventAddresses.pages(ev(EventKind.KVM_MMU_GET_PAGE, 0, 0x200, directL2, 0, 0, 1)))
                .isEqualTo(512);
        assertThat(EventAddresses.pages(ev(EventKind.KVM_MMU_GET_PAGE, 0, 0x1234, 2, 0, 0, 1))).isEqualTo(1);
    }

    @Test
    void touches_tests_the_whole_span_against_an_inclusive_range() {
        TraceEvent slot = ev(EventKind.MEMSLOT_COMMIT, 2, 0, 6, 0xb0018, 0xe8, 0x100);
        assertThat(EventAddresses.touches(slot, MmuMode.TDP, 0xb00f0, 0xb01ff)).isTrue();
        assertThat(EventAddresses.touches(slot, MmuMode.TDP, 0xb0000, 0xb0017)).isFalse();
        assertThat(EventAddresses.touches(slot, MmuMode.TDP, 0xb00ff, 0xb00ff)).isTrue();
        assertThat(EventAddresses.touches(slot, MmuMode.TDP, 0xb0100, 0xb0100)).isFalse();
    }

    @Test
    void every_kind_with_a_gfn_or_gpa_field_is_mapped() {
        for (EventKind k : EventKind.values()) {
            boolean named = k.fields().stream().anyMatch(f -> f.equals("gfn") || f.equals("gpa")
                    || f.equals("base_gfn"));
            long[] args = new long[6];
            java.util.Arrays.fill(args, 0x5000);
            TraceEvent e = new TraceEvent(0, 0, 0, k, args[0], args[1], args[2], args[3], args[4], args[5]);
            if (named) {
                assertThat(EventAddresses.firstGfn(e, MmuMode.SHADOW)).as(k.name()).isNotEqualTo(EventAddresses.NONE);
            }
        }
    }
}
