package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No fd and no mapping outlives its VM, on the success path and on every failure half-way through setup. Counts are
 * compared with a small slack for the JVM's own activity: a leak of one item per VM would show as hundreds.
 */
class KvmBackendLeakTest {
    private static final int VMS = 300;
    private static final long FD_SLACK = 2;
    private static final long MAP_SLACK = 32;

    @BeforeAll
    static void needsKvm() throws Exception {
        RealKvm.assumeAvailable();
        for (int i = 0; i < 5; i++) { // process-wide one-offs: the kick handler's page, the watchdog thread
            cycle(Native.system());
        }
    }

    /** One VM with memory of every real backing in memslots, a run, and a close. */
    private static void cycle(Native nat) throws BackendException {
        try (KvmBackend kvm = KvmBackend.open(nat)) {
            long ram = kvm.mmap(2 << 20, MemoryBacking.ANONYMOUS);
            long ff = kvm.mmap(64 << 10, MemoryBacking.FILLED_FF);
            long single = kvm.mmap(64 << 10, MemoryBacking.SINGLE_PAGE_FF);
            assertThat(kvm.setUserMemoryRegion(0, 0, 0, 2 << 20, ram)).isZero();
            assertThat(kvm.setUserMemoryRegion(1, MemFlags.READONLY, 0xB0000000L, 64 << 10, ff)).isZero();
            assertThat(kvm.setUserMemoryRegion(2, MemFlags.READONLY, 0xB0010000L, 64 << 10, single)).isZero();
            kvm.munmap(ff, 64 << 10); // one released by hand, the rest by close()
            kvm.runFor(0);
        }
    }

    @Test
    void hundreds_of_vms_leave_no_fd_and_no_mapping_behind() throws Exception {
        ProcessResources before = ProcessResources.now();
        long start = System.nanoTime();
        for (int i = 0; i < VMS; i++) {
            cycle(Native.system());
        }
        long nanosPerVm = (System.nanoTime() - start) / VMS;
        ProcessResources after = ProcessResources.now();
        assertThat(after.fds()).as("open fds after %d VMs (%d us each)", VMS, nanosPerVm / 1000)
                .isLessThanOrEqualTo(before.fds() + FD_SLACK);
        assertThat(after.maps()).as("mappings after %d VMs", VMS).isLessThanOrEqualTo(before.maps() + MAP_SLACK);
    }

    /** Where setup can fail, and the errno the kernel could have answered there. */
    private record FailPoint(String what, Predicate<FailingLibC.Call> call, int errno, String message) {
    }

    private static final List<FailPoint> SETUP_FAILURES = List.of(
            new FailPoint("open /dev/kvm", c -> c.method().equals("open"), Errno.EACCES, "not writable"),
            new FailPoint("KVM_GET_API_VERSION", c -> c.isIoctl(KvmIoctl.KVM_GET_API_VERSION), Errno.EINVAL,
                    "KVM_GET_API_VERSION"),
            new FailPoint("KVM_CREATE_VM", c -> c.isIoctl(KvmIoctl.KVM_CREATE_VM), Errno.ENOMEM, "KVM_CREATE_VM"),
            new FailPoint("KVM_CREATE_VCPU", c -> c.isIoctl(KvmIoctl.KVM_CREATE_VCPU), Errno.EEXIST,
                    "KVM_CREATE_VCPU"),
            new FailPoint("KVM_GET_VCPU_MMAP_SIZE", c -> c.isIoctl(KvmIoctl.KVM_GET_VCPU_MMAP_SIZE), Errno.EINVAL,
                    "KVM_GET_VCPU_MMAP_SIZE"),
            new FailPoint("mmap of kvm_run", c -> c.method().equals("mmap") && (int) c.args().get(4) >= 0,
                    Errno.ENOMEM, "kvm_run"));

    @Test
    void a_failure_at_any_step_of_setup_closes_everything_opened_before_it() throws Exception {
        ProcessResources before = ProcessResources.now();
        for (int round = 0; round < 20; round++) {
            for (FailPoint point : SETUP_FAILURES) {
                FailingLibC libc = new FailingLibC(Native.system(), point.call(), point.errno());
                assertThatThrownBy(() -> KvmBackend.open(libc.nat)).as(point.what())
                        .isInstanceOf(BackendException.class)
                        .hasMessageContaining(point.message())
                        .satisfies(e -> assertThat(((BackendException) e).errno()).isEqualTo(point.errno()));
                assertThat(libc.failed()).as("%s was reached", point.what()).isTrue();
                assertEverythingOpenedWasClosed(libc.calls, point.what());
            }
        }
        ProcessResources after = ProcessResources.now();
        assertThat(after.fds()).isLessThanOrEqualTo(before.fds() + FD_SLACK);
        assertThat(after.maps()).isLessThanOrEqualTo(before.maps() + MAP_SLACK);
    }

    @Test
    void a_failure_half_way_through_a_single_page_ff_mapping_unmaps_the_pages_placed_and_closes_the_memfd()
            throws Exception {
        ProcessResources before = ProcessResources.now();
        for (int round = 0; round < 20; round++) {
            int[] fixedMaps = {0};
            FailingLibC libc = new FailingLibC(Native.system(), c -> c.method().equals("mmap")
                    && ((int) c.args().get(3) & LibC.MAP_FIXED) != 0 && ++fixedMaps[0] == 7, Errno.ENOMEM);
            try (KvmBackend kvm = KvmBackend.open(libc.nat)) {
                assertThatThrownBy(() -> kvm.mmap(16 * 4096, MemoryBacking.SINGLE_PAGE_FF))
                        .isInstanceOf(BackendException.class).hasMessageContaining("0xff page")
                        .satisfies(e -> assertThat(((BackendException) e).errno()).isEqualTo(Errno.ENOMEM));
            }
            assertEverythingOpenedWasClosed(libc.calls, "SINGLE_PAGE_FF");
        }
        ProcessResources after = ProcessResources.now();
        assertThat(after.fds()).isLessThanOrEqualTo(before.fds() + FD_SLACK);
        assertThat(after.maps()).isLessThanOrEqualTo(before.maps() + MAP_SLACK);
    }

    /**
     * Every fd that open, memfd_create or a creating ioctl returned was closed afterwards, and every mapping made
     * (other than pages placed with MAP_FIXED inside one of them) was unmapped.
     */
    private static void assertEverythingOpenedWasClosed(List<FailingLibC.Call> calls, String what) {
        Set<Long> opened = new HashSet<>();
        Set<Long> closed = new HashSet<>();
        Set<Long> mapped = new HashSet<>();
        Set<Long> unmapped = new HashSet<>();
        for (FailingLibC.Call c : calls) {
            boolean createsFd = c.method().equals("open") || c.method().equals("memfd_create")
                    || c.isIoctl(KvmIoctl.KVM_CREATE_VM) || c.isIoctl(KvmIoctl.KVM_CREATE_VCPU);
            if (createsFd && c.resultAsLong() >= 0) {
                opened.add(c.resultAsLong());
            } else if (c.method().equals("close")) {
                closed.add(((Integer) c.args().get(0)).longValue());
            } else if (c.method().equals("mmap") && c.args().get(0) == null && c.resultAsLong() != -1) {
                mapped.add(c.resultAsLong());
            } else if (c.method().equals("munmap")) {
                unmapped.add((Long) c.args().get(0));
            }
        }
        assertThat(closed).as("%s: fds closed", what).containsAll(opened);
        assertThat(unmapped).as("%s: mappings unmapped", what).containsAll(mapped);
    }
}
