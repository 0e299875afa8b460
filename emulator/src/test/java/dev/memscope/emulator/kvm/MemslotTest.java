package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.api.MemslotInfo;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.MemFlags;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemslotTest {
    private static final long MB = 1 << 20;

    @Test
    void generations_start_at_the_address_space_id_and_grow_by_two_per_swap() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        assertThat(fx.kvm.memslots(0).generation()).isZero();
        assertThat(fx.kvm.memslots(1).generation()).isEqualTo(1);
        long hva = fx.ramSlot(0, 0, 2 * MB);
        assertThat(fx.kvm.memslots(0).generation()).isEqualTo(2); // CREATE: one swap
        assertThat(fx.kvm.setUserMemoryRegion(0, MemFlags.LOG_DIRTY_PAGES, 0, 2 * MB, hva)).isZero();
        assertThat(fx.kvm.memslots(0).generation()).isEqualTo(4); // FLAGS_ONLY: one swap
        assertThat(fx.kvm.setUserMemoryRegion(0, MemFlags.LOG_DIRTY_PAGES, 4 * MB, 2 * MB, hva)).isZero();
        assertThat(fx.kvm.memslots(0).generation()).isEqualTo(8); // MOVE: invalidate + install
        assertThat(fx.kvm.setUserMemoryRegion(0, 0, 0, 0, 0)).isZero();
        assertThat(fx.kvm.memslots(0).generation()).isEqualTo(12); // DELETE: invalidate + remove
        assertThat(fx.kvm.memslots(1).generation()).isEqualTo(1);
        assertThat(fx.lines()).contains("memscope:memslot_commit: as_id 0 slot 0 INVALIDATE gen 6 base_gfn 0 "
                + "npages 200 flags 0x10001");
    }

    @Test
    void when_the_mmio_generation_wraps_every_spte_is_zapped() {
        KvmFixture fx = new KvmFixture(KvmConfig.defaults(MmuMode.TDP).withEventCapacity(1024));
        long hva = fx.ramSlot(0, 0, 16 * 4096);
        fx.read(0xFEB0_0000L); // an MMIO SPTE at generation 2
        int flags = 0;
        // each FLAGS_ONLY swap adds 2; the 19-bit MMIO generation wraps after 2^18 swaps
        while ((fx.kvm.memslots(0).generation() & SpteFormat.MMIO_SPTE_GEN_MASK) != 0) {
            assertThat(fx.spte(0xFEB0_0000L)).isNotZero();
            flags ^= MemFlags.LOG_DIRTY_PAGES;
            assertThat(fx.kvm.setUserMemoryRegion(0, flags, 0, 16 * 4096, hva)).isZero();
        }
        assertThat(fx.kvm.memslots(0).generation()).isEqualTo(1L << 19);
        assertThat(fx.spte(0xFEB0_0000L)).isZero(); // kvm_mmu_zap_all_fast(): an old generation could match again
    }

    @Test
    void delete_marks_the_slot_invalid_before_zapping_and_then_removes_it() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 2 * MB);
        fx.write(0x1000);
        List<String> seen = new ArrayList<>();
        fx.kvm.setHooks(new KvmHooks() {
            @Override
            public void memslotInvalidated(Kvm kvm, Memslot slot) {
                seen.add("invalid " + slot.isInvalid() + " spte " + (fx.spte(0x1000) != 0)
                        + " inProgress " + ((kvm.memslots(0).generation() & Memslots.GEN_UPDATE_IN_PROGRESS) != 0));
            }

            @Override
            public void memslotCommitted(Kvm kvm, MemslotChange change, Memslot old, Memslot neu) {
                seen.add(change + " spte " + (fx.spte(0x1000) != 0));
            }
        });
        assertThat(fx.kvm.setUserMemoryRegion(0, 0, 0, 0, 0)).isZero();
        assertThat(seen).containsExactly("invalid true spte true inProgress false", "DELETE spte false");
        assertThat(fx.kvm.memslotInfos()).isEmpty();
    }

    @Test
    void disallow_lpage_marks_the_unaligned_first_and_last_large_pages() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long hva = fx.kvm.host().mmap(8 * MB, dev.memscope.emulator.backend.MemoryBacking.ANONYMOUS_HUGE_2M);
        // gpa 1M..7M with the HVA offset matching the gpa's offset inside 2M
        assertThat(fx.kvm.setUserMemoryRegion(0, 0, MB, 6 * MB, hva + MB)).isZero();
        Memslot s = fx.kvm.memslots(0).idToMemslot(0);
        assertThat(s.disallowLpage(MB >>> 12, 2)).isEqualTo(1);
        assertThat(s.disallowLpage((2 * MB) >>> 12, 2)).isZero();
        assertThat(s.disallowLpage((4 * MB) >>> 12, 2)).isZero();
        assertThat(s.disallowLpage((6 * MB) >>> 12, 2)).isEqualTo(1);
        assertThat(s.disallowLpage(MB >>> 12, 3)).isEqualTo(1);
    }

    @Test
    void hole_slots_disallow_huge_pages_everywhere() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.holeSlot(0, 0, 4 * MB, MemFlags.PCI_HOLE);
        Memslot s = fx.kvm.memslots(0).idToMemslot(0);
        assertThat(s.disallowLpage((2 * MB) >>> 12, 2)).isEqualTo(1);
    }

    @Test
    void the_hole_flags_need_their_capabilities() {
        KvmFixture fx = new KvmFixture(KvmConfig.defaults(MmuMode.TDP).withCaps(false, false, false));
        assertThat(fx.kvm.setUserMemoryRegion(0, MemFlags.ALLONES, 0, MB, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(fx.kvm.setUserMemoryRegion(0, MemFlags.PCI_HOLE, 0, MB, 0)).isEqualTo(-Errno.EINVAL);
        long hva = fx.kvm.host().mmap(MB, dev.memscope.emulator.backend.MemoryBacking.ANONYMOUS);
        assertThat(fx.kvm.setUserMemoryRegion(0, MemFlags.READONLY, 0, MB, hva)).isEqualTo(-Errno.EINVAL);
        assertThat(fx.kvm.checkExtension(183)).isZero();
        assertThat(fx.kvm.checkExtension(187)).isZero();
    }

    @Test
    void a_move_zaps_the_old_mappings_and_the_views_see_the_new_place() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long hva = fx.ramSlot(0, 0, 2 * MB);
        fx.write(0x2000);
        assertThat(fx.kvm.setUserMemoryRegion(0, 0, 8 * MB, 2 * MB, hva)).isZero();
        assertThat(fx.spte(0x2000)).isZero();
        MemslotInfo info = fx.kvm.memslotInfos().get(0);
        assertThat(info.gpaStart()).isEqualTo(8 * MB);
        fx.write(8 * MB + 0x2000);
        assertThat(Spte.spteToPfn(fx.spte(8 * MB + 0x2000))).isEqualTo(
                fx.kvm.host().hvaToPfn(hva + 0x2000, false));
    }

    @Test
    void munmap_zaps_through_the_mmu_notifier() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long hva = fx.ramSlot(0, 0, 2 * MB);
        fx.write(0x3000);
        fx.kvm.host().munmap(hva, 2 * MB);
        assertThat(fx.spte(0x3000)).isZero();
        assertThat(fx.kvm.host().structPages()).isZero();
        assertThat(fx.vcpu.pageFault(0x3000, Pferr.WRITE)).isEqualTo(ExitAction.USERSPACE); // -EFAULT
        assertThat(fx.vcpu.run().exitReason).isEqualTo(KvmVcpu.KVM_EXIT_MEMORY_FAULT);
    }
}
