package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.emulator.backend.AbiGuestRunner;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.GuestCode;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.TinyElf;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KVM_GET_DIRTY_LOG on the real kernel: the pages the guest wrote, then cleared by the read. */
class KvmBackendDirtyLogTest {
    private static final long DATA = 32L << 20;
    private static final long PAGE = 4096;

    @BeforeAll
    static void needsKvm() {
        RealKvm.assumeAvailable();
    }

    /** Dirty pages among the 256 pages from DATA (the guest's boot structures below are dirtied too). */
    private static List<Integer> dirtyDataPages(long[] bitmap) {
        List<Integer> pages = new ArrayList<>();
        int first = (int) (DATA / PAGE);
        for (int i = 0; i < 256; i++) {
            int bit = first + i;
            if ((bitmap[bit / 64] >>> (bit % 64) & 1) != 0) {
                pages.add(i);
            }
        }
        return pages;
    }

    @Test
    void the_log_holds_the_written_pages_and_a_read_clears_it() throws Exception {
        byte[] code = new GuestCode()
                .movRbx(DATA).movMemRbxEax().addRbx((int) (5 * PAGE)).movMemRbxEax()
                .addRbx((int) (4 * PAGE)).movMemRbxEax().hlt()
                .movRbx(DATA + 5 * PAGE).movMemRbxEax().hlt()
                .bytes();
        MemoryMap map = MemoryMap.defaults();
        try (KvmBackend kvm = KvmBackend.open()) {
            AbiGuestRunner.load(kvm, TinyElf.image(GuestAbi.IMAGE_MIN_GPA, code), map, MemFlags.LOG_DIRTY_PAGES);
            long[] bitmap = new long[(int) (map.ramBytes() / PAGE / 64)];

            assertThat(kvm.run(Long.MAX_VALUE).exitReason).isEqualTo(KvmExitReason.HLT);
            assertThat(kvm.getDirtyLog(AbiGuestRunner.RAM_SLOT, bitmap)).isZero();
            assertThat(dirtyDataPages(bitmap)).containsExactly(0, 5, 9);

            assertThat(kvm.getDirtyLog(AbiGuestRunner.RAM_SLOT, bitmap)).isZero();
            assertThat(dirtyDataPages(bitmap)).as("cleared by the first read").isEmpty();

            assertThat(kvm.run(Long.MAX_VALUE).exitReason).isEqualTo(KvmExitReason.HLT);
            assertThat(kvm.getDirtyLog(AbiGuestRunner.RAM_SLOT, bitmap)).isZero();
            assertThat(dirtyDataPages(bitmap)).as("write-protected again, so a rewrite shows").containsExactly(5);
        }
    }

    @Test
    void the_kernel_answers_for_slots_without_a_log() throws Exception {
        try (KvmBackend kvm = KvmBackend.open()) {
            long hva = kvm.mmap(1 << 20, MemoryBacking.ANONYMOUS);
            assertThat(kvm.setUserMemoryRegion(0, 0, 0, 1 << 20, hva)).isZero();
            long[] bitmap = new long[4];
            assertThat(kvm.getDirtyLog(0, bitmap)).as("slot without LOG_DIRTY_PAGES").isEqualTo(-Errno.ENOENT);
            assertThat(kvm.getDirtyLog(7, bitmap)).as("no such slot").isEqualTo(-Errno.ENOENT);
            assertThat(kvm.getDirtyLog(32764, bitmap)).as("id >= KVM_USER_MEM_SLOTS").isEqualTo(-Errno.EINVAL);
            assertThat(kvm.setUserMemoryRegion(0, MemFlags.LOG_DIRTY_PAGES, 0, 1 << 20, hva)).isZero();
            assertThatThrownBy(() -> kvm.getDirtyLog(0, new long[3])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("256 pages");
        }
    }
}
