package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import org.junit.jupiter.api.Test;

/** {@code kvm_vcpu_map} / {@code kvm_vcpu_unmap}: the struct-page and the memremap paths. */
class VcpuMapTest {
    private static final long PAGE = 4096;

    @Test
    void ram_with_struct_page_is_kmapped() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 16 * PAGE);
        KvmHostMap map = new KvmHostMap();
        assertThat(fx.vcpu.kvmVcpuMap(2, map)).isZero();
        assertThat(map.mapped()).isTrue();
        assertThat(map.page).isEqualTo(map.pfn);
        assertThat(map.hva).isEqualTo(KvmHostMap.PAGE_OFFSET + (map.pfn << 12));
        map.data[0] = 42;
        fx.vcpu.kvmVcpuUnmap(map, true);
        assertThat(map.mapped()).isFalse();
        assertThat(fx.lines()).contains("via kmap writable", "dirty 1 via kunmap");
    }

    @Test
    void memory_without_struct_page_is_memremapped_and_the_page_is_the_poison() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 16 * PAGE, MemoryBacking.PFN_ONLY, 0);
        KvmHostMap map = new KvmHostMap();
        assertThat(fx.vcpu.kvmVcpuMap(2, map)).isZero();
        assertThat(map.page).isEqualTo(KvmHostMap.KVM_UNMAPPED_PAGE);
        assertThat(map.pfn).isGreaterThanOrEqualTo(KvmPfn.PFN_ONLY_BASE);
        fx.vcpu.kvmVcpuUnmap(map, false);
        assertThat(fx.lines()).contains("via memremap", "dirty 0 via memunmap");
        // the series' bug: unmap tested map->page against NULL
        fx.vcpu.setVcpuMapPoisonBug(true);
        assertThat(fx.vcpu.kvmVcpuMap(3, map)).isZero();
        fx.vcpu.kvmVcpuUnmap(map, false);
        assertThat(fx.lines()).contains("via kunmap of KVM_UNMAPPED_PAGE (bug)");
        // e820 RAM hidden with mem=: KVM maps it write-back, not as host MMIO
        fx.write(5 * PAGE);
        assertThat(fx.spte(5 * PAGE) & 0x78).isEqualTo(0x70);
    }

    @Test
    void no_slot_error_pfns_and_failed_memremap() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 16 * PAGE, MemoryBacking.FILLED_FF, MemFlags.READONLY);
        KvmHostMap map = new KvmHostMap();
        assertThat(fx.vcpu.kvmVcpuMap(100, map)).isEqualTo(-Errno.EINVAL);   // no slot
        assertThat(fx.vcpu.kvmVcpuMap(1, map)).isEqualTo(-Errno.EINVAL);     // read-only: error pfn
        long hva = fx.kvm.host().mmap(16 * PAGE, MemoryBacking.PFN_ONLY, false); // device memory, not e820 RAM
        assertThat(fx.kvm.setUserMemoryRegion(1, 0, 1 << 20, 16 * PAGE, hva)).isZero();
        assertThat(fx.vcpu.kvmVcpuMap((1 << 20) / PAGE, map)).isEqualTo(-Errno.EFAULT);
        fx.write(1 << 20);
        assertThat(fx.spte(1 << 20) & 0x78).isZero(); // kvm_is_mmio_pfn(): UC
    }
}
