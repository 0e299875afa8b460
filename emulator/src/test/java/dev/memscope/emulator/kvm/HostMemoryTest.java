package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.trace.EventLog;
import org.junit.jupiter.api.Test;

class HostMemoryTest {
    private static final long MB = 1 << 20;

    @Test
    void anonymous_pages_are_allocated_and_accounted_on_first_write_only() {
        HostMemory h = new HostMemory(new EventLog());
        long hva = h.mmap(16 * MB, MemoryBacking.ANONYMOUS);
        assertThat(h.structPages()).isZero();
        assertThat(h.hvaToPfn(hva, false, true)).isEqualTo(KvmPfn.ZERO_PAGE);
        assertThat(h.structPages()).isZero();
        long pfn = h.hvaToPfn(hva, true, true);
        assertThat(pfn).isGreaterThanOrEqualTo(KvmPfn.RAM_BASE);
        assertThat(h.lastMapWritable()).isTrue();
        assertThat(h.structPages()).isEqualTo(1);
        assertThat(h.hostBytes()).isEqualTo(4096);
    }

    @Test
    void huge_backings_are_accounted_a_whole_huge_page_at_a_time() {
        HostMemory h = new HostMemory(new EventLog());
        long hva = h.mmap(4L << 30, MemoryBacking.ANONYMOUS_HUGE_1G);
        long pfn = h.hvaToPfn(hva + 5 * 4096, false, true);
        assertThat(h.structPages()).isEqualTo(1L << 18);
        assertThat(h.hostMappingLevel(hva + 5 * 4096)).isEqualTo(3);
        assertThat(h.hvaToPfn(hva + 6 * 4096, false, false)).isEqualTo(pfn + 1);
        assertThat((pfn - 5) & ((1 << 18) - 1)).isZero(); // the huge page is aligned in host physical memory
        long hva2 = h.mmap(4 * MB, MemoryBacking.ANONYMOUS_HUGE_2M);
        h.hvaToPfn(hva2 + 3 * MB, true, true);
        assertThat(h.structPages()).isEqualTo((1L << 18) + 512);
        assertThat(h.hostMappingLevel(hva2)).isEqualTo(1); // that 2M page is not present
    }

    @Test
    void one_page_behind_many_hvas_and_pages_filled_at_mmap() {
        HostMemory h = new HostMemory(new EventLog());
        long single = h.mmap(64 * MB, MemoryBacking.SINGLE_PAGE_FF);
        assertThat(h.structPages()).isEqualTo(1);
        long p1 = h.hvaToPfn(single, false, true);
        assertThat(h.hvaToPfn(single + 40 * MB, false, true)).isEqualTo(p1);
        assertThat(h.pageOfPfn(p1)[123]).isEqualTo((byte) 0xFF);
        long filled = h.mmap(MB, MemoryBacking.FILLED_FF);
        assertThat(h.structPages()).isEqualTo(1 + 256);
        assertThat(h.pageOfPfn(h.hvaToPfn(filled + 4096, false, true))[0]).isEqualTo((byte) 0xFF);
        h.munmap(filled, MB);
        assertThat(h.structPages()).isEqualTo(1);
    }

    @Test
    void pfn_only_frames_have_no_struct_page_and_are_accounted_apart() {
        HostMemory h = new HostMemory(new EventLog());
        long hva = h.mmap(MB, MemoryBacking.PFN_ONLY);
        long pfn = h.hvaToPfn(hva, false, true);
        assertThat(KvmPfn.hasStructPage(pfn)).isFalse();
        assertThat(h.pfnOnlyPages()).isEqualTo(1);
        assertThat(h.structPages()).isZero();
        assertThat(h.isMmioPfn(pfn, hva)).isFalse(); // e820 RAM hidden with mem=
        assertThat(h.hvaToPfn(0x1000, false, true)).isEqualTo(KvmPfn.ERR_FAULT);
    }
}
