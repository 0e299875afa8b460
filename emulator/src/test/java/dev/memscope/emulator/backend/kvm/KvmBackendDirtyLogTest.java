package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.backend.AbiGuestRunner;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.GuestCode;
import dev.memscope.emulator.backend.KvmExitReason;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.TinyElf;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.backend.sim.SimOptions;
import dev.memscope.emulator.api.MmuMode;
import dev.memscope.emulator.vmm.GuestAbi;
import dev.memscope.emulator.vmm.MemoryMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KVM_GET_DIRTY_LOG on the real kernel: the pages the guest wrote, then cleared by the read; and which guest reads
 * dirty a page, on the kernel and on the model with the kernel's MMU (shadow paging on these machines).
 */
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

    /**
     * make_spte() marks a page dirty whenever it installs a writable SPTE, read faults included (arch/x86/kvm/mmu/
     * spte.c); the SPTE of a read is writable only when the host page is writable ({@code hva_to_pfn} with
     * {@code map_writable}: not the shared zero page of a page never touched) and, under shadow paging, the guest
     * PTE is dirty ({@code FNAME(protect_clean_gpte)}). The guest writes page 2 (setting the D bit of its 2 MiB
     * PDE, which maps all three pages), then reads page 0, which nobody touched, and page 1, which the VMM wrote.
     * A kernel that emulates ring-0 guest code (kvm_pvm) serves these accesses in its instruction emulator, where
     * a read dirties nothing: there the fault path is not exercised and the comparison is skipped.
     */
    @Test
    void a_read_fault_dirties_a_page_only_when_its_spte_is_writable_on_the_kernel_and_on_the_model()
            throws Exception {
        byte[] code = new GuestCode()
                .movRbx(DATA + 2 * PAGE).movMemRbxEax()
                .movRbx(DATA).movEaxMemRbx().addRbx((int) PAGE).movEaxMemRbx().hlt()
                .bytes();
        List<Integer> kernel;
        try (KvmBackend kvm = KvmBackend.open()) {
            long emulatedBefore = kvm.stats().getOrDefault("insn_emulation", 0L);
            kernel = dirtyAfterReads(kvm, code);
            long emulated = kvm.stats().getOrDefault("insn_emulation", 0L) - emulatedBefore;
            assumeTrue(emulated == 0, () -> "the kernel emulated " + emulated + " guest instructions ("
                    + HostKernel.probe().paging().description() + "), so the guest's accesses "
                    + "never reached the fault path; it dirtied pages " + kernel);
        }
        assertThat(kernel).as("kernel").containsExactly(1, 2);
        try (VmBackend sim = SimBackend.create(new SimOptions(kernelMmu(), "kernel", true))) {
            assertThat(dirtyAfterReads(sim, code)).as("model, " + kernelMmu()).isEqualTo(kernel);
        }
    }

    private static List<Integer> dirtyAfterReads(VmBackend backend, byte[] code) throws Exception {
        MemoryMap map = MemoryMap.defaults();
        AbiGuestRunner runner = AbiGuestRunner.load(backend, TinyElf.image(GuestAbi.IMAGE_MIN_GPA, code), map,
                MemFlags.LOG_DIRTY_PAGES);
        long[] bitmap = new long[(int) (map.ramBytes() / PAGE / 64)];
        assertThat(backend.getDirtyLog(AbiGuestRunner.RAM_SLOT, bitmap)).isZero(); // the boot image's pages
        backend.writeHost(runner.ramHva() + DATA + PAGE, new byte[] {42}, 0, 1);
        assertThat(backend.run(Long.MAX_VALUE).exitReason).isEqualTo(KvmExitReason.HLT);
        assertThat(backend.getDirtyLog(AbiGuestRunner.RAM_SLOT, bitmap)).isZero();
        return dirtyDataPages(bitmap);
    }

    /** The MMU the machine's kernel uses, which the model is set to (TDP with EPT/NPT, else shadow paging). */
    private static MmuMode kernelMmu() {
        HostKernel.Settings kernel = HostKernel.probe();
        assumeTrue(kernel.paging().kind() != KvmPagingMode.Kind.UNKNOWN, kernel.paging()::description);
        return kernel.modelMmu();
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
