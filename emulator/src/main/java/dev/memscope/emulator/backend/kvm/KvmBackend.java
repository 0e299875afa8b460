package dev.memscope.emulator.backend.kvm;

import dev.memscope.emulator.backend.BackendException;
import dev.memscope.emulator.backend.Errno;
import dev.memscope.emulator.backend.KernelStats;
import dev.memscope.emulator.backend.KvmCap;
import dev.memscope.emulator.backend.KvmPreFaultMemory;
import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.emulator.backend.KvmRun;
import dev.memscope.emulator.backend.KvmSregs;
import dev.memscope.emulator.backend.MemFlags;
import dev.memscope.emulator.backend.MemoryBacking;
import dev.memscope.emulator.backend.VmBackend;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import jnr.ffi.Pointer;

/**
 * The machine's real {@code /dev/kvm}: one VM with one vCPU, driven through jnr-ffi with the ioctls whose names the
 * methods mirror. Results are the kernel's own: 0, a count, or {@code -errno} ({@link Errno} names them).
 *
 * <p>What differs from the simulated backend, by necessity:
 * <ul>
 * <li>{@link #run(long)}: the kernel cannot count guest instructions, so the budget becomes a wall-clock limit
 *     ({@link RunTimeLimit#forBudget}); {@link #runFor(long)} takes the limit directly. A run that reaches its
 *     limit, or is stopped by {@link #requestStop()}, returns {@code KVM_EXIT_INTR} with {@link KvmRun#detail} saying
 *     which (see {@link VcpuRun}). After a port or MMIO read exit, the data userspace writes into the returned
 *     {@link KvmRun} is copied into {@code kvm_run} at the next run; as in the kernel, the read completes (and shows
 *     in the registers) only when the vCPU is run again, if only with a zero budget.</li>
 * <li>Memslot flags {@link MemFlags#ALLONES} and {@link MemFlags#PCI_HOLE} are passed to the kernel, which refuses
 *     them with {@code -EINVAL} as it refuses any flag it does not know; the same as a
 *     kernel without those (never merged) proposals refuses an unknown flag, and never reach the kernel;
 *     {@code KVM_CAP_ALLONES_MEM} and {@code KVM_CAP_PCI_HOLE_MEM} answer 0 without asking it.</li>
 * <li>{@link MemoryBacking#PFN_ONLY} is refused: only the simulated backend can model memory without struct page.</li>
 * <li>A {@code KVM_RUN} that fails with an errno other than {@code EINTR} is reported as
 *     {@code KVM_EXIT_INTERNAL_ERROR} with suberror 0 (no kernel suberror is 0), or as {@code KVM_EXIT_MEMORY_FAULT}
 *     when the kernel says so, with the errno in {@link KvmRun#detail}.</li>
 * <li>Calls that cannot return an errno ({@link #setRegs}, {@link #setSregs}, ...) throw
 *     {@link IllegalStateException} naming it, such as {@code KVM_SET_SREGS failed with -EINVAL}.</li>
 * </ul>
 * Use it from one machine thread; only {@link #requestStop()} may come from another.
 */
public final class KvmBackend implements VmBackend, KernelStats {
    private final Native nat;
    private final HostMemory hostMemory;
    private final NativeScratch scratch;
    private final Memslots memslots = new Memslots();
    private KvmVm vm;
    private VcpuState vcpuState;
    private VcpuRun vcpuRun;
    private String description;
    private boolean closed;

    private KvmBackend(Native nat) {
        this.nat = nat;
        this.hostMemory = new HostMemory(nat);
        this.scratch = new NativeScratch(nat);
    }

    /** Opens {@code /dev/kvm} and creates a VM with one vCPU; everything opened is closed again on failure. */
    public static KvmBackend open() throws BackendException {
        Native nat;
        try {
            nat = Native.system();
        } catch (LinkageError e) {
            throw new BackendException(e.getMessage());
        }
        return open(nat);
    }

    static KvmBackend open(Native nat) throws BackendException {
        KvmBackend backend = new KvmBackend(nat);
        try {
            KickSignal kick = KickSignal.install(nat);
            backend.vm = KvmVm.create(nat);
            backend.vcpuState = new VcpuState(nat, backend.vm.vcpuFd, backend.scratch);
            backend.vcpuRun = new VcpuRun(nat, backend.vm.vcpuFd, nat.pointer(backend.vm.runAddr,
                    backend.vm.runSize), kick);
            RunWatchdog.get().register(backend.vcpuRun);
            backend.description = HostKernel.describe(Path.of("/proc/sys/kernel/osrelease"), Path.of("/sys/module"));
            return backend;
        } catch (BackendException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "kvm";
    }

    @Override
    public String describe() {
        return description;
    }

    /** How the host's KVM maps guest memory, when its module parameters tell. */
    public KvmPagingMode pagingMode() {
        return KvmPagingMode.detect(Path.of("/sys/module"));
    }

    /** {@code KVM_CHECK_EXTENSION} on the VM fd, which answers for this VM (Linux 4.0+). */
    @Override
    public int checkExtension(int cap) {
        ensureOpen();
        if (cap == KvmCap.ALLONES_MEM || cap == KvmCap.PCI_HOLE_MEM) {
            return 0; // never merged upstream: the numbers mean nothing (or something else) to a real kernel
        }
        return Math.max(nat.libc.ioctl(vm.vmFd, KvmIoctl.KVM_CHECK_EXTENSION, (long) cap), 0);
    }

    @Override
    public long mmap(long bytes, MemoryBacking backing) throws BackendException {
        ensureOpen();
        return hostMemory.mmap(bytes, backing);
    }

    @Override
    public void munmap(long hva, long bytes) {
        ensureOpen();
        hostMemory.munmap(hva, bytes);
    }

    @Override
    public void writeHost(long hva, byte[] src, int offset, int length) {
        ensureOpen();
        hostMemory.write(hva, src, offset, length);
    }

    @Override
    public void readHost(long hva, byte[] dst, int offset, int length) {
        ensureOpen();
        hostMemory.read(hva, dst, offset, length);
    }

    @Override
    public int setUserMemoryRegion(int slot, int flags, long guestPhysAddr, long memorySize, long userspaceAddr) {
        ensureOpen();
        // The modelled hole flags (bits 8 and 9) go to the kernel as they are: its answer is its own, and a kernel
        // without them refuses an unknown flag in check_memory_region_flags() with -EINVAL (docs/decisions/0002).
        Pointer region = scratch(KvmIoctl.SIZEOF_KVM_USERSPACE_MEMORY_REGION);
        region.putInt(0, slot);
        region.putInt(4, flags);
        region.putLong(8, guestPhysAddr);
        region.putLong(16, memorySize);
        region.putLong(24, userspaceAddr);
        int r = result(nat.libc.ioctl(vm.vmFd, KvmIoctl.KVM_SET_USER_MEMORY_REGION, region));
        if (r == 0) {
            memslots.committed(slot, memorySize);
        }
        return r;
    }

    /**
     * {@code KVM_GET_DIRTY_LOG}. The bitmap must hold a bit per page of the slot (the kernel writes that many, rounded
     * up to 64); a slot this backend never set gets the kernel's answer (-ENOENT or -EINVAL) with no bitmap.
     */
    @Override
    public int getDirtyLog(int slot, long[] bitmap) {
        ensureOpen();
        long npages = memslots.npages(slot);
        long words = (npages + 63) / 64;
        if (bitmap.length < words) {
            throw new IllegalArgumentException("slot " + slot + " has " + npages + " pages: the bitmap needs "
                    + words + " longs, got " + bitmap.length);
        }
        // struct kvm_dirty_log { u32 slot; u32 padding1; u64 dirty_bitmap; }, placed after the bitmap itself
        long logAt = words * 8;
        Pointer buffer = scratch(logAt + KvmIoctl.SIZEOF_KVM_DIRTY_LOG);
        buffer.putInt(logAt, slot);
        buffer.putLong(logAt + 8, words == 0 ? 0 : buffer.address());
        int r = result(nat.libc.ioctl(vm.vmFd, KvmIoctl.KVM_GET_DIRTY_LOG, buffer.slice(logAt)));
        if (r == 0 && words > 0) {
            buffer.get(0, bitmap, 0, (int) words);
        }
        return r;
    }

    @Override
    public KvmRegs getRegs() {
        ensureOpen();
        return vcpuState.getRegs();
    }

    @Override
    public void setRegs(KvmRegs regs) {
        ensureOpen();
        vcpuState.setRegs(regs);
    }

    @Override
    public KvmSregs getSregs() {
        ensureOpen();
        return vcpuState.getSregs();
    }

    @Override
    public void setSregs(KvmSregs sregs) {
        ensureOpen();
        vcpuState.setSregs(sregs);
    }

    /** {@code KVM_RUN} bounded by the wall-clock time {@link RunTimeLimit#forBudget} gives the budget. */
    @Override
    public KvmRun run(long instructionBudget) {
        return runFor(RunTimeLimit.forBudget(instructionBudget));
    }

    /**
     * {@code KVM_RUN} for at most {@code limitNanos} of wall-clock time ({@link RunTimeLimit#NONE}: no limit; 0 or
     * less: complete a pending port or MMIO read and return {@code KVM_EXIT_INTR} without running the guest).
     */
    public KvmRun runFor(long limitNanos) {
        ensureOpen();
        return vcpuRun.run(limitNanos);
    }

    @Override
    public void requestStop() {
        VcpuRun r = vcpuRun;
        if (r != null) {
            r.requestStop();
        }
    }

    @Override
    public int preFaultMemory(KvmPreFaultMemory range) {
        ensureOpen();
        Pointer p = scratch(KvmIoctl.SIZEOF_KVM_PRE_FAULT_MEMORY);
        p.putLong(0, range.gpa);
        p.putLong(8, range.size);
        p.putLong(16, range.flags);
        for (int i = 0; i < range.padding.length; i++) {
            p.putLong(24 + 8L * i, range.padding[i]);
        }
        int r = result(nat.libc.ioctl(vm.vcpuFd, KvmIoctl.KVM_PRE_FAULT_MEMORY, p));
        range.gpa = p.getLong(0); // the kernel writes the range left back, success or not
        range.size = p.getLong(8);
        return r;
    }

    /**
     * The kernel's counters for this VM and its vCPU ({@code KVM_GET_STATS_FD}, Linux 5.14+), by their kernel names:
     * the vCPU's ({@code exits}, {@code mmio_exits}, {@code halt_exits}, {@code pf_taken}, {@code pf_fixed},
     * {@code insn_emulation}, ...) and the VM's ({@code mmu_shadow_zapped}, {@code pages_4k}, ...). A name both have
     * keeps the vCPU's value, and the VM's appears as {@code vm.NAME}. Which counters a host keeps current depends
     * on its vendor module: kvm_pvm leaves {@code io_exits} and, for ring-0 guests, every {@code pf_*} at 0.
     */
    @Override
    public Map<String, Long> stats() throws BackendException {
        ensureOpen();
        Map<String, Long> all = new TreeMap<>(KvmStats.read(nat, vm.vcpuFd, "vCPU"));
        KvmStats.read(nat, vm.vmFd, "VM").forEach((name, value) -> all.put(all.containsKey(name) ? "vm." + name
                : name, value));
        return all;
    }

    /** Releases the memory mapped through this backend, the VM and its fds; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (vcpuRun != null) {
            vcpuRun.close(); // from here on no stop request or deadline touches kvm_run
            RunWatchdog.get().unregister(vcpuRun);
        }
        hostMemory.close();
        scratch.close();
        if (vm != null) {
            vm.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the KVM backend is closed");
        }
    }

    private int result(int r) {
        return r < 0 ? -nat.errno() : r;
    }

    private Pointer scratch(long bytes) {
        try {
            return scratch.get(bytes);
        } catch (BackendException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
