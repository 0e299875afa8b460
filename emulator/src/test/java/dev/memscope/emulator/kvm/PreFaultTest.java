package dev.memscope.emulator.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.x86.Access;
import dev.memscope.emulator.x86.PageRef;
import dev.memscope.emulator.x86.PhysicalMemory;
import dev.memscope.emulator.x86.VmExit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PreFaultTest {
    private static final long PAGE = 4096;
    private static final long SZ_2M = 2L << 20;
    private static final long TEST_SIZE = SZ_2M + PAGE;

    /** The loop of pre_fault_memory() in tools/testing/selftests/kvm/pre_fault_memory_test.c. */
    private static void preFaultMemory(KvmVcpu vcpu, long gpa, long size, long left) {
        KvmPreFaultMemory range = new KvmPreFaultMemory(gpa, size);
        int ret;
        do {
            long prev = range.size;
            ret = vcpu.preFaultMemory(range);
            // the size shrank exactly when the call succeeded
            assertThat(range.size < prev).isEqualTo(ret >= 0);
        } while (ret >= 0 ? range.size != 0 : ret == -Errno.EINTR);
        assertThat(range.size).isEqualTo(left);
        if (left == 0) {
            assertThat(ret).isZero();
        } else {
            assertThat(ret).isEqualTo(-Errno.ENOENT); // no memslot: RET_PF_EMULATE becomes -ENOENT
        }
    }

    @Test
    void the_pre_fault_selftest_three_calls_and_then_every_page_is_readable_without_an_exit() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long maxGfn = (1L << (fx.kvm.config().maxPhyAddrBits() - 12)) - 1;
        long gpa = ((maxGfn - TEST_SIZE / PAGE) * PAGE) & -SZ_2M;
        fx.ramSlot(10, gpa, TEST_SIZE);
        preFaultMemory(fx.vcpu, gpa, SZ_2M, 0);
        preFaultMemory(fx.vcpu, gpa + SZ_2M, PAGE * 2, PAGE);
        preFaultMemory(fx.vcpu, gpa + TEST_SIZE, PAGE, PAGE);
        PhysicalMemory hw = fx.vcpu.hardwareMemory();
        PageRef ref = new PageRef();
        VmExit exit = new VmExit();
        for (long off = 0; off < TEST_SIZE; off += PAGE) {
            assertThat(hw.resolve(gpa + off, Access.READ, -1, false, ref, exit)).isEqualTo(PhysicalMemory.RESOLVED);
        }
        // a read fault: nothing allocated (zero page), the SPTEs are read-only and not accessed
        long spte = fx.spte(gpa + PAGE);
        assertThat(fx.kvm.host().structPages()).isZero();
        assertThat(Spte.isWritablePte(spte)).isFalse();
    }

    @Test
    void prefaulted_sptes_are_not_accessed_until_the_hardware_uses_them() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long hva = fx.ramSlot(0, 0, 64 * PAGE);
        fx.kvm.host().writeHost(hva, new byte[] {1}, 0, 1); // make page 0 present and writable
        assertThat(fx.vcpu.preFaultMemory(new KvmPreFaultMemory(0, PAGE))).isZero();
        long spte = fx.spte(0);
        assertThat(Spte.isAccessedSpte(SpteFormat.EPT, spte)).isFalse();
        assertThat(Spte.isWritablePte(spte)).isTrue();
    }

    @Test
    void shadow_paging_and_a_nested_guest_are_not_supported() {
        KvmFixture shadow = new KvmFixture(MmuMode.SHADOW);
        shadow.ramSlot(0, 0, 16 * PAGE);
        KvmPreFaultMemory r = new KvmPreFaultMemory(0, PAGE);
        assertThat(shadow.vcpu.preFaultMemory(r)).isEqualTo(-Errno.EOPNOTSUPP);
        assertThat(shadow.kvm.checkExtension(236)).isZero();
        KvmFixture nested = new KvmFixture(MmuMode.TDP);
        nested.ramSlot(0, 0, 16 * PAGE);
        nested.paging.guestMode = true;
        assertThat(nested.vcpu.preFaultMemory(new KvmPreFaultMemory(0, PAGE))).isEqualTo(-Errno.EOPNOTSUPP);
        assertThat(nested.kvm.checkExtension(236)).isEqualTo(1);
    }

    @Test
    void a_pending_signal_is_eintr_before_any_progress_and_partial_progress_after() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 16 * PAGE);
        fx.vcpu.setSignalPending(() -> true);
        KvmPreFaultMemory r = new KvmPreFaultMemory(0, 4 * PAGE);
        assertThat(fx.vcpu.preFaultMemory(r)).isEqualTo(-Errno.EINTR);
        assertThat(r.size).isEqualTo(4 * PAGE);
        AtomicInteger calls = new AtomicInteger();
        fx.vcpu.setSignalPending(() -> calls.incrementAndGet() > 3); // after one page is done
        assertThat(fx.vcpu.preFaultMemory(r)).isZero();
        assertThat(r.gpa).isEqualTo(PAGE);
        assertThat(r.size).isEqualTo(3 * PAGE);
    }

    @Test
    void a_slot_caught_in_the_middle_of_a_delete_is_eagain() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        fx.ramSlot(0, 0, 16 * PAGE);
        int[] seen = {1};
        fx.kvm.setHooks(new KvmHooks() {
            @Override
            public void memslotInvalidated(Kvm kvm, Memslot invalidSlot) {
                assertThat(invalidSlot.flags() & MemFlags.INVALID).isNotZero();
                seen[0] = fx.vcpu.preFaultMemory(new KvmPreFaultMemory(0, PAGE));
                KvmPageFault f = fx.fault(0, false);
                f.runToCompletion();
                assertThat(f.result()).isEqualTo(dev.memscope.emulator.api.RetPf.RETRY);
            }
        });
        assertThat(fx.kvm.setUserMemoryRegion(0, 0, 0, 0, 0)).isZero();
        assertThat(seen[0]).isEqualTo(-Errno.EAGAIN);
    }

    @Test
    void in_smm_the_smm_address_space_is_filled() {
        KvmFixture fx = new KvmFixture(MmuMode.TDP);
        long hva = fx.kvm.host().mmap(16 * PAGE, dev.memscope.emulator.backend.MemoryBacking.ANONYMOUS);
        assertThat(fx.kvm.setUserMemoryRegion(1 << 16, 0, 0, 16 * PAGE, hva)).isZero();
        KvmPreFaultMemory r = new KvmPreFaultMemory(0, PAGE);
        assertThat(fx.vcpu.preFaultMemory(r)).isEqualTo(-Errno.ENOENT); // nothing in address space 0
        fx.paging.smm = true;
        assertThat(fx.vcpu.preFaultMemory(r)).isZero();
        assertThat(Spte.isShadowPresentPte(fx.kvm.mmu().leafSpteForGfn(1, 0))).isTrue();
        // address space 0 kept the MMIO SPTE its own attempt installed
        assertThat(Spte.isMmioSpte(SpteFormat.EPT, fx.kvm.mmu().leafSpteForGfn(0, 0))).isTrue();
    }
}
