package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.MemFlags;
import org.junit.jupiter.api.Test;

class DirtyLogTest {
    private static final long PAGE = 4096;

    @Test
    void writes_mark_the_bitmap_get_dirty_log_copies_clears_and_reprotects() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 128 * PAGE, dev.memscope.emulator.backend.MemoryBacking.ANONYMOUS,
                MemFlags.LOG_DIRTY_PAGES);
        fx.write(3 * PAGE);   // make_spte() of a writable SPTE marks the page
        fx.write(70 * PAGE);
        fx.read(5 * PAGE);    // a read maps the zero page read-only: not dirty
        long[] bitmap = new long[2];
        assertThat(fx.kvm.getDirtyLog(0, bitmap)).isZero();
        assertThat(bitmap[0]).isEqualTo(1L << 3);
        assertThat(bitmap[1]).isEqualTo(1L << 6);
        assertThat(Spte.isWritablePte(fx.spte(3 * PAGE))).isFalse(); // write-protected again
        assertThat(fx.kvm.getDirtyLog(0, bitmap)).isZero();
        assertThat(bitmap[0]).isZero();
        fx.vcpu.pageFault(3 * PAGE, Pferr.WRITE | Pferr.PRESENT); // the fast path marks it again
        assertThat(fx.kvm.getDirtyLog(0, bitmap)).isZero();
        assertThat(bitmap[0]).isEqualTo(1L << 3);
        assertThat(fx.lines()).contains("memscope:get_dirty_log: as_id 0 slot 0 dirty 2 of 128 pages");
    }

    /**
     * make_spte() marks the page whenever the SPTE it makes is writable, read faults included; a read fault's SPTE
     * is writable when hva_to_pfn() can map the host page writable ({@code map_writable}), which the shared zero
     * page of a page never touched is not (virt/kvm/kvm_main.c, arch/x86/kvm/mmu/spte.c).
     */
    @Test
    void a_read_fault_dirties_a_page_whose_host_page_is_writable() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long hva = fx.ramSlot(0, 0, 64 * PAGE, dev.memscope.emulator.backend.MemoryBacking.ANONYMOUS,
                MemFlags.LOG_DIRTY_PAGES);
        fx.kvm.host().writeHost(hva + 4 * PAGE, new byte[] {42}, 0, 1); // the VMM wrote page 4
        fx.read(4 * PAGE);
        fx.read(5 * PAGE);
        assertThat(Spte.isWritablePte(fx.spte(4 * PAGE))).isTrue();
        assertThat(Spte.isWritablePte(fx.spte(5 * PAGE))).isFalse();
        long[] bitmap = new long[1];
        assertThat(fx.kvm.getDirtyLog(0, bitmap)).isZero();
        assertThat(bitmap[0]).isEqualTo(1L << 4);
    }

    @Test
    void the_errnos_of_get_dirty_log() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 128 * PAGE);
        assertThat(fx.kvm.getDirtyLog(0, new long[2])).isEqualTo(-Errno.ENOENT); // no dirty logging
        assertThat(fx.kvm.getDirtyLog(9, new long[2])).isEqualTo(-Errno.ENOENT);
        assertThat(fx.kvm.getDirtyLog(2 << 16, new long[2])).isEqualTo(-Errno.EINVAL);
        assertThat(fx.kvm.getDirtyLog(32764, new long[2])).isEqualTo(-Errno.EINVAL);
        fx.ramSlot(1, 1 << 20, 128 * PAGE, dev.memscope.emulator.backend.MemoryBacking.ANONYMOUS,
                MemFlags.LOG_DIRTY_PAGES);
        assertThat(fx.kvm.getDirtyLog(1, new long[1])).isEqualTo(-Errno.EFAULT);
    }

    @Test
    void the_emulator_and_kvm_vcpu_unmap_mark_pages_dirty_too() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 64 * PAGE, dev.memscope.emulator.backend.MemoryBacking.ANONYMOUS, MemFlags.LOG_DIRTY_PAGES);
        fx.vcpu.emulatorMemory().resolve(9 * PAGE, dev.memscope.emulator.x86.Access.WRITE, -1, false,
                new dev.memscope.emulator.x86.PageRef(), new dev.memscope.emulator.x86.VmExit());
        KvmHostMap map = new KvmHostMap();
        assertThat(fx.vcpu.kvmVcpuMap(11, map)).isZero();
        fx.vcpu.kvmVcpuUnmap(map, true);
        long[] bitmap = new long[1];
        fx.kvm.getDirtyLog(0, bitmap);
        assertThat(bitmap[0]).isEqualTo((1L << 9) | (1L << 11));
    }
}
