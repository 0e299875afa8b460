package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.MemoryBacking;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The VMM's memory on real KVM: each MemoryBacking mapped for real, or refused with the reason. */
class KvmBackendMemoryTest {
    private static final int KIB64 = 64 << 10;

    @BeforeAll
    static void needsKvm() {
        RealKvm.assumeAvailable();
    }

    private static byte[] read(KvmBackend kvm, long hva, int length) {
        byte[] b = new byte[length];
        kvm.readHost(hva, b, 0, length);
        return b;
    }

    @Test
    void anonymous_memory_starts_zero_and_keeps_what_is_written() throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            long hva = kvm.mmap(KIB64, MemoryBacking.ANONYMOUS);
            assertThat(read(kvm, hva, KIB64)).containsOnly(0);
            kvm.writeHost(hva + KIB64 - 3, new byte[] {1, 2, 3}, 0, 3);
            assertThat(read(kvm, hva + KIB64 - 4, 4)).containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void filled_ff_reads_all_ones_and_is_writable() throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            long hva = kvm.mmap(KIB64, MemoryBacking.FILLED_FF);
            assertThat(read(kvm, hva, KIB64)).containsOnly(-1);
            kvm.writeHost(hva, new byte[] {0}, 0, 1);
            assertThat(read(kvm, hva, 2)).containsExactly(0, -1);
        }
    }

    @Test
    void single_page_ff_reads_all_ones_and_refuses_host_writes() throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            long hva = kvm.mmap(KIB64, MemoryBacking.SINGLE_PAGE_FF);
            assertThat(read(kvm, hva, KIB64)).containsOnly(-1);
            assertThatThrownBy(() -> kvm.writeHost(hva + 4096, new byte[1], 0, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void single_page_ff_larger_than_vm_max_map_count_allows_is_refused_up_front() throws Exception {
        long max = KernelFiles.number(Path.of("/proc/sys/vm/max_map_count")).orElseThrow();
        try (KvmBackend kvm = KvmBackend.open()) {
            assertThatThrownBy(() -> kvm.mmap(max * 4096, MemoryBacking.SINGLE_PAGE_FF))
                    .isInstanceOf(BackendException.class).hasMessageContaining("vm.max_map_count");
        }
    }

    @Test
    void huge_pages_map_when_reserved_and_say_how_to_reserve_them_when_not() throws Exception {
        for (MemoryBacking backing : new MemoryBacking[] {MemoryBacking.ANONYMOUS_HUGE_2M,
                MemoryBacking.ANONYMOUS_HUGE_1G}) {
            long page = HostMemory.pageBytes(backing);
            long free = KernelFiles.number(Path.of("/sys/kernel/mm/hugepages/hugepages-" + (page >> 10)
                    + "kB/free_hugepages")).orElse(0);
            try (KvmBackend kvm = KvmBackend.open()) {
                if (free >= 1) {
                    long hva = kvm.mmap(page, backing);
                    kvm.writeHost(hva + page - 1, new byte[] {7}, 0, 1);
                    assertThat(read(kvm, hva + page - 1, 1)).containsExactly(7);
                } else {
                    assertThatThrownBy(() -> kvm.mmap(page, backing)).as("%s", backing)
                            .isInstanceOf(BackendException.class)
                            .hasMessageContaining("huge pages")
                            .hasMessageContaining("nr_hugepages")
                            .satisfies(e -> assertThat(((BackendException) e).errno()).isEqualTo(Errno.ENOMEM));
                }
            }
        }
    }

    @Test
    void pfn_only_is_refused_as_simulation_only() throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            assertThatThrownBy(() -> kvm.mmap(KIB64, MemoryBacking.PFN_ONLY)).isInstanceOf(BackendException.class)
                    .hasMessageContaining("only the simulated backend can model memory without struct page");
        }
    }

    @Test
    void sizes_must_be_whole_pages_of_the_backing() throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            assertThatThrownBy(() -> kvm.mmap(4096 + 1, MemoryBacking.ANONYMOUS))
                    .isInstanceOf(BackendException.class).hasMessageContaining("multiple of its page size");
            assertThatThrownBy(() -> kvm.mmap(4096, MemoryBacking.ANONYMOUS_HUGE_2M))
                    .isInstanceOf(BackendException.class).hasMessageContaining("0x200000");
            assertThatThrownBy(() -> kvm.mmap(0, MemoryBacking.ANONYMOUS)).isInstanceOf(BackendException.class);
        }
    }

    @Test
    void host_access_outside_a_mapping_is_refused_instead_of_crashing_the_jvm() throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            long hva = kvm.mmap(KIB64, MemoryBacking.ANONYMOUS);
            assertThatThrownBy(() -> read(kvm, hva + KIB64 - 1, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> kvm.munmap(hva, 4096)).isInstanceOf(IllegalArgumentException.class);
            kvm.munmap(hva, KIB64);
            assertThatThrownBy(() -> read(kvm, hva, 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_closed_backend_refuses_calls_and_closes_once() throws Exception {
        KvmBackend kvm = KvmBackend.open();
        kvm.close();
        kvm.close();
        kvm.requestStop(); // harmless after close
        assertThatThrownBy(() -> kvm.mmap(4096, MemoryBacking.ANONYMOUS)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kvm.run(1)).isInstanceOf(IllegalStateException.class);
        assertThat(Arrays.asList(kvm.name())).containsExactly("kvm");
    }
}
